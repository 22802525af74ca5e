/// Deterministic test helpers: one-shot signals instead of sleeps, counters instead of clocks.
module FunctionalGroups.FSharp.Tests.Support

open System
open System.Threading
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp

/// A one-shot signal; waiters continue on the thread pool, never inside `Set`.
type Signal() =
    let source = TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    member _.Set() = source.TrySetResult() |> ignore
    member _.IsSet = source.Task.IsCompleted
    member _.Task: Task = source.Task

/// Counts children that are running, their peak, and how many saw their cancellation.
type Probe() =
    let mutable live = 0
    let mutable peak = 0
    let mutable started = 0
    let mutable ended = 0
    let mutable sawCancellation = 0

    member _.Live = Volatile.Read &live
    member _.Peak = Volatile.Read &peak
    member _.Started = Volatile.Read &started
    member _.Ended = Volatile.Read &ended
    member _.SawCancellation = Volatile.Read &sawCancellation

    member _.Enter() =
        Interlocked.Increment &started |> ignore
        let now = Interlocked.Increment &live
        let mutable seen = Volatile.Read &peak

        while seen < now && Interlocked.CompareExchange(&peak, now, seen) <> seen do
            seen <- Volatile.Read &peak

    member _.Exit() =
        Interlocked.Increment &ended |> ignore
        Interlocked.Decrement &live |> ignore

    member _.Cancelled() = Interlocked.Increment &sawCancellation |> ignore

    /// A task child that is live on this probe across one yield, then gives `value`: for counting how many run at once.
    member probe.Counted(value: 'T) : Child<'T> =
        Child.ofTask (fun _ ->
            task {
                probe.Enter()
                do! Task.Yield()
                probe.Exit()
                return value
            })

/// The value of an `Ok`, or the test fails with the group's tree.
let ok (result: Result<'T, GroupError>) : 'T =
    match result with
    | Ok value -> value
    | Error group -> failwithf "expected Ok, got:\n%O" group

/// The group of an `Error`, or the test fails.
let failed (result: Result<'T, GroupError>) : GroupError =
    match result with
    | Error group -> group
    | Ok value -> failwithf "expected a GroupError, got Ok %A" value

/// Runs `work` on the thread pool: xunit's synchronization context is not what these tests are about.
let onPool (work: unit -> Task<'T>) : Task<'T> = Task.Run<'T>(Func<Task<'T>>(work))

/// Runs a child to its result with `Group.runTask`, on the thread pool.
let run (child: Child<'T>) : Task<Result<'T, GroupError>> =
    onPool (fun () -> Group.runTask CancellationToken.None child)

/// Runs a child from an Async, on the thread pool, under `token`.
let runAsyncWith (token: CancellationToken) (child: Child<'T>) : Task<Result<'T, GroupError>> =
    Async.StartAsTask(
        async {
            do! Async.SwitchToThreadPool()
            return! Group.runAsync child
        },
        cancellationToken = token
    )

/// An Async child that waits until its token is cancelled, noting on `probe` that it ended cancelled. (Noted in
/// `finally`, not by a token registration: a registration disposed while the token runs its callbacks may never run.)
let hangingAsync (probe: Probe) : Child<int> =
    Child.ofAsync (
        async {
            let! token = Async.CancellationToken
            probe.Enter()

            try
                do! Task.Delay(Timeout.Infinite, token) |> Async.AwaitTask
                return 0
            finally
                if token.IsCancellationRequested then probe.Cancelled()
                probe.Exit()
        }
    )

/// A task that waits until `token` is cancelled, noting on `probe` that it ended cancelled.
let hangingBody (probe: Probe) (token: CancellationToken) : Task<int> =
    task {
        probe.Enter()

        try
            do! Task.Delay(Timeout.Infinite, token)
            return 0
        finally
            if token.IsCancellationRequested then probe.Cancelled()
            probe.Exit()
    }

/// A task child that waits until its token is cancelled, noting on `probe` that it ended cancelled.
let hangingTask (probe: Probe) : Child<int> = Child.ofTask (hangingBody probe)

/// A task child that signals `started`, waits until its token is cancelled, then fails with `error` in its cleanup.
let failsInCleanup (started: Signal) (error: exn) : Child<int> =
    Child.ofTask (fun token ->
        task {
            try
                started.Set()
                do! Task.Delay(Timeout.Infinite, token)
                return 0
            with :? OperationCanceledException ->
                return raise error
        })

/// An Async child that raises `error` once `gate` is open (after a hop to the thread pool).
let failsAsync (gate: Task) (error: exn) : Child<int> =
    Child.ofAsync (
        async {
            do! gate |> Async.AwaitTask
            do! Async.SwitchToThreadPool()
            return raise error
        }
    )

/// A task child that succeeds with `value` once `gate` is open.
let okTask (gate: Task) (value: 'T) : Child<'T> =
    Child.ofTask (fun _ ->
        task {
            do! gate
            return value
        })

/// Asserts that `actual` holds the same instances as `expected`, in order.
let sameInstances (expected: exn list) (actual: exn list) =
    Assert.Equal(List.length expected, List.length actual)
    List.iter2 (fun e a -> Assert.Same(e, a)) expected actual
