/// Running a group from F#: to Async<Result<…>> and Task<Result<…>>; the caller's cancellation (G7) and join-all (G1).
module FunctionalGroups.FSharp.Tests.RunTests

open System
open System.Threading
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

/// A child that sees its cancellation, then keeps running until `release` opens (slow cleanup).
let private slowToStop (probe: Probe) (started: Signal) (release: Task) =
    Child.ofTask (fun token ->
        task {
            probe.Enter()

            try
                try
                    started.Set()
                    do! Task.Delay(Timeout.Infinite, token)
                    return 0
                with :? OperationCanceledException ->
                    probe.Cancelled()
                    do! release
                    return raise (OperationCanceledException token)
            finally
                probe.Exit()
        })

[<Fact>]
let ``cancelling the calling Async cancels the group, and the Async ends only after every child (G1, G7)`` () =
    task {
        let probe = Probe()
        let first, last = Signal(), Signal()
        let release = Signal()
        use caller = new CancellationTokenSource()

        let group =
            Group.all [ slowToStop probe first release.Task; hangingAsync probe; slowToStop probe last release.Task ]

        // Children start in order, each up to its first wait: once the last has started, so has the middle one.
        let running = runAsyncWith caller.Token group
        do! Task.WhenAll(first.Task, last.Task)
        caller.Cancel()
        let stillRunning = not running.IsCompleted
        release.Set()
        let! ended = Assert.ThrowsAnyAsync<OperationCanceledException>(fun () -> running :> Task)

        Assert.True(stillRunning, "the Async ended while a child was still cleaning up")
        Assert.True(running.IsCanceled, $"expected a cancelled Async, got {ended.GetType().Name}")
        Assert.Equal(3, probe.SawCancellation)
        Assert.Equal(0, probe.Live)
    }

[<Fact>]
let ``an Async cancelled before the group starts starts no child (G7)`` () =
    task {
        let probe = Probe()
        use caller = new CancellationTokenSource()
        caller.Cancel()
        let running = runAsyncWith caller.Token (Group.all [ hangingTask probe ])
        let! _ = Assert.ThrowsAnyAsync<OperationCanceledException>(fun () -> running :> Task)
        Assert.Equal(0, probe.Started)
    }

[<Fact>]
let ``a real failure while the caller is cancelled wins: the Async raises it as a GroupException (G3, G7)`` () =
    task {
        let started = Signal()
        let cleanup = TimeoutException "cleanup failed"
        use caller = new CancellationTokenSource()

        let failsWhenCancelled = failsInCleanup started cleanup

        let running = runAsyncWith caller.Token (Group.all [ failsWhenCancelled ])
        do! started.Task
        caller.Cancel()
        let! thrown = Assert.ThrowsAsync<GroupException>(fun () -> running :> Task)
        sameInstances [ cleanup ] (GroupError.exceptions thrown.Group)
    }

[<Fact>]
let ``runTask: cancelled with no real failure, the task is cancelled; with one, the GroupError wins (G7)`` () =
    task {
        let probe = Probe()
        use caller = new CancellationTokenSource()
        let started = Signal()

        let quiet =
            Group.all [ hangingTask probe; Child.ofAsync (async { started.Set(); return 0 }) ]

        let running = onPool (fun () -> Group.runTask caller.Token quiet)
        do! started.Task
        caller.Cancel()
        let! _ = Assert.ThrowsAnyAsync<OperationCanceledException>(fun () -> running :> Task)
        Assert.Equal(0, probe.Live)

        use second = new CancellationTokenSource()
        let cleanup = TimeoutException "cleanup failed"
        let started2 = Signal()

        let loud = failsInCleanup started2 cleanup

        let running2 = onPool (fun () -> Group.runTask second.Token (Group.all [ loud ]))
        do! started2.Task
        second.Cancel()
        let! result = running2
        sameInstances [ cleanup ] (GroupError.exceptions (failed result))
    }

[<Fact>]
let ``every child succeeded: the run succeeds even if the caller was cancelled meanwhile (runTask, G7)`` () =
    task {
        use caller = new CancellationTokenSource()
        let release = Signal()

        let stubborn =
            Child.ofTask (fun _ ->
                task {
                    caller.Cancel()
                    do! release.Task
                    return 7
                })

        let running = onPool (fun () -> Group.runTask caller.Token (Group.all [ stubborn ]))
        release.Set()
        let! result = running
        Assert.Equal<int list>([ 7 ], ok result)
    }

[<Fact>]
let ``a lone child's failure comes as a group of one (G4)`` () =
    task {
        let error = InvalidOperationException "alone"
        let! fromTask = run (Child.fail error)
        let! fromAsync = runAsyncWith CancellationToken.None (Child.fail error)

        for group in [ failed fromTask; failed fromAsync ] do
            Assert.Equal(1, group.Total)
            sameInstances [ error ] (GroupError.exceptions group)
    }

[<Fact>]
let ``an empty group succeeds with an empty list`` () =
    task {
        let! result = run (Group.all ([]: Child<int> list))
        Assert.Empty(ok result)
    }

[<Fact>]
let ``G14: 100,000 nested F# groups (Group.all and par) run without deepening the stack without bound`` () =
    task {
        let hop value =
            Child.ofAsync (
                async {
                    do! Async.SwitchToThreadPool()
                    return value
                }
            )

        let mutable nested = hop 1

        for _ in 1..100_000 do
            nested <- Group.all [ nested ] |> Child.map List.head

        let mutable paired = hop 1

        for _ in 1..100_000 do
            let inner = paired

            paired <-
                par {
                    let! a = inner
                    and! b = Child.ofValue 0
                    return a + b
                }

        let! first = run nested
        let! second = run paired
        Assert.Equal(1, ok first)
        Assert.Equal(1, ok second)
    }

[<Fact>]
let ``startAsTask runs with no token: Ok with every value, or Error with every real failure`` () =
    task {
        let! succeeded = onPool (fun () -> Group.startAsTask (Group.all [ Child.ofValue 1; Child.ofAsync (async { return 2 }) ]))
        Assert.Equal<int list>([ 1; 2 ], ok succeeded)

        let boom = InvalidOperationException "boom"
        let! failedRun = onPool (fun () -> Group.startAsTask (Group.all [ Child.ofValue 1; Child.fail boom ]))
        sameInstances [ boom ] (GroupError.exceptions (failed failedRun))
    }
