/// Cancel scopes from F# (rules C1-C4): `Child.timeout`, `Child.moveOnAfter` and `Child.shield`, on a fake clock.
module FunctionalGroups.FSharp.Tests.CancelScopeTests

open System
open System.Threading
open System.Threading.Tasks
open Microsoft.Extensions.Time.Testing
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

let private due = TimeSpan.FromSeconds 3.

/// Signals `started`, then on cancellation signals `sawCancel` and waits for `release` before ending cancelled.
let private slowToStop (started: Signal) (sawCancel: Signal) (release: Task) : Child<int> =
    Child.ofTask (fun token ->
        task {
            let cancelled = TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
            use _ = token.Register(fun () -> cancelled.TrySetResult() |> ignore)
            started.Set()
            do! cancelled.Task
            sawCancel.Set()
            do! release
            token.ThrowIfCancellationRequested()
            return -1
        })

[<Fact>]
let ``C1 Child.timeout waits for the cancelled child to end, then fails with TimedOut`` () =
    task {
        let clock = FakeTimeProvider()
        let started, sawCancel, release = Signal(), Signal(), Signal()
        let running = run (slowToStop started sawCancel release.Task |> Child.timeoutOn clock due)
        do! started.Task
        clock.Advance due
        do! sawCancel.Task
        Assert.False running.IsCompleted
        release.Set()
        let! result = running
        Assert.Equal<LanguageExt.Common.Error list>([ LanguageExt.Common.Errors.TimedOut ], failed result |> fun g -> List.ofSeq g.Errors)
    }

[<Fact>]
let ``C2 Child.moveOnAfter gives None when the deadline cut the child short and Some otherwise, unit included`` () =
    task {
        let clock = FakeTimeProvider()
        let started, sawCancel, release = Signal(), Signal(), Signal()
        let running = run (slowToStop started sawCancel release.Task |> Child.moveOnAfterOn clock due)
        do! started.Task
        clock.Advance due
        release.Set()
        let! moved = running
        Assert.Equal(None, ok moved)
        let! kept = run (Child.ofValue () |> Child.moveOnAfterOn clock due)
        Assert.Equal(Some(), ok kept)
    }

[<Fact>]
let ``C3 an outer timeout around a later moveOnAfter ends at the outer deadline as TimedOut, not None`` () =
    task {
        let clock = FakeTimeProvider()
        let started, sawCancel, release = Signal(), Signal(), Signal()
        release.Set()
        let child =
            slowToStop started sawCancel release.Task
            |> Child.moveOnAfterOn clock (TimeSpan.FromSeconds 10.)
            |> Child.timeoutOn clock due
        let running = run child
        do! started.Task
        clock.Advance due
        let! result = running
        Assert.Equal<LanguageExt.Common.Error list>([ LanguageExt.Common.Errors.TimedOut ], failed result |> fun g -> List.ofSeq g.Errors)
    }

[<Fact>]
let ``C4 a shielded child is not cancelled with its group, the group waits for it, and its failure is reported`` () =
    task {
        let boom = InvalidOperationException "boom"
        let cleanupFailed = InvalidOperationException "cleanup"
        let probe = Probe()
        let release = Signal()
        let mutable sawCancel = None
        let cleanup =
            Child.ofTask (fun token ->
                task {
                    do! release.Task
                    sawCancel <- Some token.IsCancellationRequested
                    return raise cleanupFailed
                })
        let gate = Signal()
        let running = run (Group.all [ hangingTask probe; failsAsync gate.Task boom; Child.shield cleanup ])
        gate.Set()
        while probe.SawCancellation = 0 do
            do! Task.Yield()
        Assert.False running.IsCompleted
        release.Set()
        let! result = running
        let errors = (failed result).Errors |> Seq.map (fun e -> e.ToException()) |> List.ofSeq
        Assert.Equal<exn list>([ boom :> exn; cleanupFailed ], errors)
        Assert.Equal(Some false, sawCancel)
    }
