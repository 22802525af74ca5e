/// One run of a scenario: builds the children from the plan with the F# face, runs the root, and records what each
/// child did. Every mark is a tick of one global sequence, so "ended before" needs no clock.
module FunctionalGroups.FSharp.Tests.Properties.Interpreter

open System
open System.Threading
open System.Threading.Tasks
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Properties.Plan

/// The failure a leaf injects: a type only these properties raise, so its instance identifies the leaf.
type InjectedFailure(leaf: int) =
    inherit Exception($"injected failure of leaf #{leaf}")
    member _.Leaf = leaf

/// How the root run ended.
type Outcome =
    | Completed of Result<int list, GroupError>
    | Cancelled
    | Raised of exn

let mutable private clock = 0L

/// The next tick of the global sequence.
let tick () = Interlocked.Increment &clock

type ScenarioRun(scenario: Scenario) =
    let indexed = scenario.Indexed
    let leaves = leavesOf [] indexed |> Array.ofList
    let groups = groupsOf indexed |> Array.ofList
    let outer = new CancellationTokenSource()

    let leafStart = Array.zeroCreate<int64> leaves.Length
    let leafEnd = Array.zeroCreate<int64> leaves.Length
    let injected = Array.zeroCreate<exn | null> leaves.Length
    let groupStart = Array.zeroCreate<int64> groups.Length
    let groupEnd = Array.zeroCreate<int64> groups.Length
    let live = Array.zeroCreate<int> groups.Length
    let liveAtEnd = Array.zeroCreate<int> groups.Length
    let mutable outerCancelled = 0
    let mutable runEnd = 0L
    let mutable liveAtRunEnd = -1
    let mutable outcome = Cancelled

    let cancelOuter () =
        Volatile.Write(&outerCancelled, 1)
        outer.Cancel()

    let started leaf =
        let _, _, ancestors = leaves[leaf]

        for group in ancestors do
            Interlocked.Increment &live[group] |> ignore

        Volatile.Write(&leafStart[leaf], tick ())

        match scenario.Outer with
        | AtLeaf at when at = leaf -> cancelOuter ()
        | _ -> ()

    let ended leaf =
        let _, _, ancestors = leaves[leaf]
        Volatile.Write(&leafEnd[leaf], tick ())

        for group in ancestors do
            Interlocked.Decrement &live[group] |> ignore

    let inject leaf : exn =
        let failure = InjectedFailure leaf :> exn
        Volatile.Write(&injected[leaf], failure)
        failure

    /// A leaf written as an F# Async: it raises its failure (an exception always survives F#'s cancellation).
    let asyncLeaf index (leaf: Leaf) : Child<int list> =
        Child.ofAsync (
            async {
                started index

                try
                    let! token = Async.CancellationToken

                    match leaf.Kind with
                    | Succeed
                    | Fail ->
                        for _ in 1 .. leaf.Yields do
                            token.ThrowIfCancellationRequested()
                            do! Async.SwitchToThreadPool()

                        token.ThrowIfCancellationRequested()
                        return if leaf.Kind = Succeed then [ index ] else raise (inject index)
                    | StubbornSucceed
                    | StubbornFail ->
                        for _ in 1 .. leaf.Yields do
                            do! Task.Run(fun () -> ()) |> Async.AwaitTask

                        return if leaf.Kind = StubbornSucceed then [ index ] else raise (inject index)
                    | Hang ->
                        do! Task.Delay(Timeout.Infinite, token) |> Async.AwaitTask
                        return failwith "unreachable: an infinite delay ended without its token"
                    | FailOnCancel ->
                        // Not in a `finally`: when F# itself notices the cancellation at one of its steps, it runs
                        // the finally blocks but drops an exception raised there (only the cancellation is reported;
                        // FSharp.Core's behaviour, which no library can see past). A handler that F# skipped did not
                        // inject anything, so what the leaf injects is exactly what it raised.
                        try
                            do! Task.Delay(Timeout.Infinite, token) |> Async.AwaitTask
                            return failwith "unreachable: an infinite delay ended without its token"
                        with _ ->
                            return raise (inject index)
                finally
                    ended index
            }
        )

    /// A leaf written as a task function: it raises its failure, or gives it as `Error` for `Child.ofResult`.
    let taskLeaf index (leaf: Leaf) : Child<int list> =
        let body (token: CancellationToken) : Task<Result<int list, exn>> =
            task {
                started index

                try
                    match leaf.Kind with
                    | Succeed
                    | Fail ->
                        for _ in 1 .. leaf.Yields do
                            token.ThrowIfCancellationRequested()
                            do! Task.Yield()

                        token.ThrowIfCancellationRequested()
                        return if leaf.Kind = Succeed then Ok [ index ] else Error(inject index)
                    | StubbornSucceed
                    | StubbornFail ->
                        for _ in 1 .. leaf.Yields do
                            do! Task.Yield()

                        return if leaf.Kind = StubbornSucceed then Ok [ index ] else Error(inject index)
                    | Hang ->
                        do! Task.Delay(Timeout.Infinite, token)
                        return failwith "unreachable: an infinite delay ended without its token"
                    | FailOnCancel ->
                        try
                            do! Task.Delay(Timeout.Infinite, token)
                            return failwith "unreachable: an infinite delay ended without its token"
                        with :? OperationCanceledException ->
                            return Error(inject index)
                finally
                    ended index
            }

        match leaf.Form with
        | ReturnsError -> Child.ofTask body |> Child.bind Child.ofResult
        | Raises ->
            Child.ofTask (fun token ->
                task {
                    match! body token with
                    | Ok values -> return values
                    | Error failure -> return raise failure
                })

    let named name child =
        match name with
        | Some name -> Child.named name child
        | None -> child

    /// A group (the root included), its start and end marked from inside: the end once its effect has ended.
    let rec childOf (node: Indexed) : Child<int list> =
        match node with
        | ILeaf(index, leaf) ->
            let child = if leaf.Host = AsAsync then asyncLeaf index leaf else taskLeaf index leaf
            named leaf.Name child
        | IGroup(group, name, build, children) ->
            let children = List.map childOf children

            let body =
                match build, children with
                | ViaPar, [ a; b; c ] ->
                    par {
                        let! x = a
                        and! y = b
                        and! z = c
                        return x @ y @ z
                    }
                | _ -> Group.all children |> Child.map List.concat

            let marked =
                par {
                    try
                        Volatile.Write(&groupStart[group], tick ())
                        return! body
                    finally
                        Volatile.Write(&groupEnd[group], tick ())
                        Volatile.Write(&liveAtEnd[group], Volatile.Read &live[group])
                }

            named name marked

    member _.Scenario = scenario
    member _.Indexed = indexed
    member _.Leaves = leaves
    member _.Groups = groups
    member _.Outcome = outcome
    member _.OuterCancelled = Volatile.Read &outerCancelled = 1
    member _.LeafStart leaf = Volatile.Read &leafStart[leaf]
    member _.LeafEnd leaf = Volatile.Read &leafEnd[leaf]
    member _.GroupStart group = Volatile.Read &groupStart[group]
    member _.GroupEnd group = Volatile.Read &groupEnd[group]
    member _.LiveAtEnd group = Volatile.Read &liveAtEnd[group]
    member _.RunEnd = runEnd
    member _.LiveAtRunEnd = liveAtRunEnd

    /// The failure leaf `leaf` injected, if any.
    member _.Injected leaf : exn option = Option.ofObj (Volatile.Read &injected[leaf])

    /// Every injected failure, in depth-first leaf order.
    member this.InjectedFailures: (int * exn) list =
        [ for leaf in 0 .. leaves.Length - 1 do
              match this.Injected leaf with
              | Some failure -> leaf, failure
              | None -> () ]

    /// Runs the scenario to its end, on the thread pool.
    member this.Execute() : Task<ScenarioRun> =
        Task.Run<ScenarioRun>(
            Func<Task<ScenarioRun>>(fun () ->
                task {
                    use _ = outer
                    let root = childOf indexed

                    if scenario.Outer = BeforeStart then
                        cancelOuter ()

                    let running =
                        match scenario.Runner with
                        | ViaTask -> Group.runTask outer.Token root
                        | ViaAsync -> Async.StartAsTask(Group.runAsync root, cancellationToken = outer.Token)

                    try
                        let! result = running
                        outcome <- Completed result
                    with
                    | :? OperationCanceledException -> outcome <- Cancelled
                    | failure -> outcome <- Raised failure

                    runEnd <- tick ()
                    liveAtRunEnd <- Volatile.Read &live[0]
                    return this
                })
        )
