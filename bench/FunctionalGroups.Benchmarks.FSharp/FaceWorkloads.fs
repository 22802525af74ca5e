/// The F# face's workloads (issue 13): F# `Group.all` over `Child.ofAsync` and over `Child.ofTask` children, `par { }`
/// of 8 sources, and F# `Async.Parallel` over the same children. Called from the C# benchmarks (`FSharpFace`).
module FunctionalGroups.Benchmarks.FSharp.FaceWorkloads

open System.Threading
open System.Threading.Tasks
open FunctionalGroups.FSharp

/// The fan-out child as a task function: yield once, return i (the body of the C# `Child.FromTask` rows).
let private taskBody (i: int) : CancellationToken -> Task<int> =
    fun _ ->
        task {
            do! Task.Yield()
            return i
        }

/// The values of a run, or an empty array when it failed (a check then sees the difference).
let private values (result: Result<int list, GroupError>) : int[] =
    match result with
    | Ok values -> Array.ofList values
    | Error _ -> [||]

/// F# `Group.all` over n `Child.ofAsync` children (the body of `AsyncPeers.child`), built inside the call.
let groupAllOfAsync (n: int) : Task<int[]> =
    let children = List.init n (fun i -> Child.ofAsync (AsyncPeers.child i))
    let run = Group.all children |> Group.runTask CancellationToken.None
    run.ContinueWith((fun (ended: Task<Result<int list, GroupError>>) -> values ended.Result), TaskContinuationOptions.ExecuteSynchronously)

/// F# `Group.all` over n `Child.ofTask` children (the body of the C# `Child.FromTask` rows), built inside the call.
let groupAllOfTask (n: int) : Task<int[]> =
    let children = List.init n (fun i -> Child.ofTask (taskBody i))
    let run = Group.all children |> Group.runTask CancellationToken.None
    run.ContinueWith((fun (ended: Task<Result<int list, GroupError>>) -> values ended.Result), TaskContinuationOptions.ExecuteSynchronously)

/// `par { let! … and! … }` of 8 Async sources (the body of `AsyncPeers.child`), taken as they are (`Source`): their
/// sum, 0 + 1 + … + 7 = 28.
let parOf8 () : Task<int> =
    let c = AsyncPeers.child

    let sum =
        par {
            let! a = c 0
            and! b = c 1
            and! d = c 2
            and! e = c 3
            and! f = c 4
            and! g = c 5
            and! h = c 6
            and! k = c 7
            return a + b + d + e + f + g + h + k
        }

    let run = sum |> Group.runTask CancellationToken.None

    run.ContinueWith(
        (fun (ended: Task<Result<int, GroupError>>) ->
            match ended.Result with
            | Ok total -> total
            | Error _ -> -1),
        TaskContinuationOptions.ExecuteSynchronously
    )

/// F# `Async.Parallel` of the same 8 children, summed.
let asyncParallelOf8 () : Task<int> =
    let c = AsyncPeers.child
    let sum =
        async {
            let! values = Async.Parallel [| c 0; c 1; c 2; c 3; c 4; c 5; c 6; c 7 |]
            return Array.sum values
        }
    Async.StartAsTask sum
