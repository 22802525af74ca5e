/// The policies from F# (settle, validate, race, traverse) and the options (parallelism limit, timeout on a fake
/// clock, bad input refused when the group is built).
module FunctionalGroups.FSharp.Tests.PolicyTests

open System
open System.Threading
open System.Threading.Tasks
open Microsoft.Extensions.Time.Testing
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

[<Fact>]
let ``settle gives every outcome in child order, with no fail-fast`` () =
    task {
        let error = InvalidOperationException "second"
        let failedFirst = Signal()

        // The third child finishes only after the second has failed: under fail-fast it would be cancelled.
        let afterTheFailure = okTask failedFirst.Task 3

        let failsAndSays =
            Child.ofAsync (
                async {
                    failedFirst.Set()
                    return raise error
                }
            )

        let! result = run (Group.settle [ Child.ofValue 1; failsAndSays; afterTheFailure ])

        match ok result with
        | [ Ok 1; Error(Exn(thrown: InvalidOperationException)); Ok 3 ] -> Assert.Same(error, thrown)
        | other -> failwithf "unexpected outcomes %A" other
    }

[<Fact>]
let ``validate runs every child to its end and reports every failure`` () =
    task {
        let first, second = TimeoutException "first", ArgumentException "second"
        let failedFirst = Signal()

        let failsAndSays =
            Child.ofAsync (
                async {
                    failedFirst.Set()
                    return raise first
                }
            )

        let failsLater = failsAsync failedFirst.Task second
        let! result = run (Group.validate [ failsAndSays; okTask failedFirst.Task 2; failsLater ])
        sameInstances [ first; second ] (GroupError.exceptions (failed result))

        let! fine = run (Group.validate [ Child.ofValue 1; Child.ofValue 2 ])
        Assert.Equal<int list>([ 1; 2 ], ok fine)
    }

[<Fact>]
let ``race: the first success wins, and the losers are cancelled and joined before it is given`` () =
    task {
        let probe = Probe()
        let started = Signal()

        let winner =
            Child.ofTask (fun _ ->
                task {
                    do! started.Task
                    return 7
                })

        let loserStarts =
            Child.ofAsync (
                async {
                    started.Set()
                    let! token = Async.CancellationToken
                    do! Task.Delay(Timeout.Infinite, token) |> Async.AwaitTask
                    return 0
                }
            )

        let! result = run (Group.race [ hangingAsync probe; loserStarts; winner ])
        Assert.Equal(7, ok result)
        Assert.Equal(1, probe.SawCancellation)
        Assert.Equal(0, probe.Live)

        let a, b = TimeoutException "a", ArgumentException "b"
        let! none = run (Group.validate [ Group.race [ Child.fail a; Child.fail b ] ])
        let group = failed none

        match GroupError.errors group with
        | [ :? GroupError as losers ] -> sameInstances [ a; b ] (GroupError.exceptions losers)
        | other -> failwithf "expected the race's group of failures, got %A" other

        Assert.Throws<ArgumentException>(fun () -> Group.race ([]: Child<int> list) |> ignore) |> ignore
    }

[<Fact>]
let ``traverse gives the values in item order`` () =
    task {
        let double item =
            Child.ofTask (fun _ ->
                task {
                    do! Task.Yield()
                    return item * 2
                })

        let! result = run ([ 1..20 ] |> Group.traverse double)
        Assert.Equal<int list>([ for i in 1..20 -> i * 2 ], ok result)
    }

[<Fact>]
let ``MaxParallelism: at most that many children run at once, and all of them run`` () =
    task {
        let probe = Probe()

        let counted = probe.Counted

        let options = { GroupOptions.Default with MaxParallelism = Some 3 }
        let! all = run (Group.allWith options [ for i in 1..30 -> counted i ])
        let! traversed = run ([ 1..30 ] |> Group.traverseWith options counted)

        Assert.Equal<int list>([ 1..30 ], ok all)
        Assert.Equal<int list>([ 1..30 ], ok traversed)
        Assert.InRange(probe.Peak, 1, 3)
        Assert.Equal(60, probe.Ended)
    }

[<Fact>]
let ``Timeout: on expiry every child is cancelled and joined, and the group fails with TimedOut`` () =
    task {
        let clock = FakeTimeProvider()
        let probe = Probe()
        let started = Signal()

        let options =
            { GroupOptions.Default with
                Timeout = Some(TimeSpan.FromSeconds 5.0)
                TimeProvider = clock }

        let lastStarts =
            Child.ofAsync (
                async {
                    started.Set()
                    return 0
                }
            )

        let running = run (Group.allWith options [ hangingTask probe; hangingAsync probe; lastStarts ])
        do! started.Task
        clock.Advance(TimeSpan.FromSeconds 4.0)
        let beforeExpiry = running.IsCompleted
        clock.Advance(TimeSpan.FromSeconds 1.0)
        let! result = running
        let group = failed result

        Assert.False(beforeExpiry)
        Assert.Equal(2, probe.SawCancellation)
        Assert.Equal(0, probe.Live)

        match GroupError.split On.timedOut group with
        | Some _, None -> ()
        | split -> failwithf "expected only the timeout, got %A" split
    }

[<Fact>]
let ``bad options and bad input are refused when the group is built (G12)`` () =
    let children = [ Child.ofValue 1 ]
    let refused (build: unit -> Child<_>) = Assert.ThrowsAny<ArgumentException>(fun () -> build () |> ignore) |> ignore
    refused (fun () -> Group.allWith { GroupOptions.Default with MaxParallelism = Some 0 } children)
    refused (fun () -> Group.settleWith { GroupOptions.Default with Timeout = Some(TimeSpan.FromSeconds -1.0) } children)
    refused (fun () -> Group.all (Unchecked.defaultof<Child<int> seq>))
    refused (fun () -> Group.traverse Child.ofValue (Unchecked.defaultof<int seq>))
