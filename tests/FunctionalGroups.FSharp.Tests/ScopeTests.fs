/// Scopes from F#: spawn while the group runs, join, cancel from inside, refused spawns, handles after the scope.
module FunctionalGroups.FSharp.Tests.ScopeTests

open System
open System.Threading
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

let private yieldsThen value =
    Child.ofTask (fun _ ->
        task {
            do! Task.Yield()
            return value
        })

[<Fact>]
let ``spawn and join: the scope's value is the body's`` () =
    task {
        let total =
            Group.scope (fun scope ->
                par {
                    let! users = Group.spawn scope (yieldsThen 3 |> Child.named "users")
                    let! orders = Group.spawn scope (yieldsThen 4 |> Child.named "orders")
                    let! u = Group.join users
                    let! o = Group.join orders
                    return u + o
                })

        let! result = run total
        Assert.Equal(7, ok result)
    }

[<Fact>]
let ``a child may spawn more, and the scope waits for every one (G1)`` () =
    let probe = Probe()

    // Outside the task: a `let rec` inside it keeps the task's state machine from compiling statically (FS3511 in Release).
    let rec visit (scope: Scope<unit>) depth =
        Child.ofAsync (
            async {
                probe.Enter()
                do! Async.SwitchToThreadPool()
                probe.Exit()
            }
        )
        |> Child.bind (fun () ->
            if depth = 0 then
                Child.ofValue ()
            else
                par {
                    let! _ = Group.spawn scope (visit scope (depth - 1))
                    let! _ = Group.spawn scope (visit scope (depth - 1))
                    return ()
                })

    task {
        let crawl = Group.scope (fun scope -> Group.spawn scope (visit scope 4) |> Child.map ignore)
        let! result = run crawl
        ok result
        Assert.Equal(31, probe.Ended)
        Assert.Equal(0, probe.Live)
    }

[<Fact>]
let ``a child's failure cancels the body and the other children; a failure met through join is reported once`` () =
    task {
        let probe = Probe()
        let error = TimeoutException "users"

        let body =
            Group.scope (fun scope ->
                par {
                    let! hanging = Group.spawn scope (hangingAsync probe |> Child.named "hanging")
                    let! failing = Group.spawn scope (failsAsync Task.CompletedTask error |> Child.named "users")
                    let! value = Group.join failing
                    return value
                })

        let! result = run body
        let group = failed result
        sameInstances [ error ] (GroupError.exceptions group)
        Assert.Equal(1, probe.SawCancellation)
        Assert.Equal(0, probe.Live)
    }

[<Fact>]
let ``cancel from inside ends the scope with no error; a spawn after it never starts (G9, G10)`` () =
    task {
        let probe = Probe()
        let late = Probe()
        let mutable shuttingDown = false

        let body =
            Group.scope (fun scope ->
                par {
                    let! _ = Group.spawn scope (hangingTask probe)
                    do! Group.cancel scope "cancelled"
                    shuttingDown <- scope.IsShuttingDown
                    let! _ = Group.spawn scope (Child.ofAsync (async { late.Enter() }))
                    return "body"
                })

        let! result = run body
        Assert.Equal("cancelled", ok result)
        Assert.True shuttingDown
        Assert.Equal(0, late.Started)
        Assert.Equal(1, probe.SawCancellation)
        Assert.Equal(0, probe.Live)
    }

[<Fact>]
let ``a spawn into a scope that has ended is refused, as a value (G9)`` () =
    task {
        let mutable kept = None

        let! result =
            run (
                Group.scope (fun scope ->
                    kept <- Some scope
                    Child.ofValue ())
            )

        ok result
        let! late = run (Group.spawn kept.Value (Child.ofValue 1))

        match failed late with
        | Failures(refused: SpawnRefusedError list, None) -> Assert.False (List.exactlyOne refused).IsShuttingDown
        | other -> failwithf "expected a refused spawn, got %O" other
    }

[<Fact>]
let ``handles give the children's outcomes after the scope, and the scope reports the failures`` () =
    task {
        let error = InvalidOperationException "second"
        let handles = ResizeArray<Handle<int>>()

        let body =
            Group.scope (fun scope ->
                par {
                    let! first = Group.spawn scope (Child.ofValue 1)
                    handles.Add first
                    let! second = Group.spawn scope (failsAsync Task.CompletedTask error)
                    handles.Add second
                    return ()
                })

        let! result = run body
        sameInstances [ error ] (GroupError.exceptions (failed result))

        match handles |> Seq.map Group.result |> List.ofSeq with
        | [ Some(Ok 1); Some(Error(Exn(thrown: InvalidOperationException))) ] -> Assert.Same(error, thrown)
        | other -> failwithf "unexpected outcomes %A" other
    }

[<Fact>]
let ``scopeWith: a limit on spawned children running at once`` () =
    task {
        let probe = Probe()

        let counted = probe.Counted

        let body =
            Group.scopeWith { GroupOptions.Default with MaxParallelism = Some 2 } (fun scope ->
                par {
                    let! handles = Group.all [ for i in 1..10 -> Group.spawn scope (counted i) ]
                    let! values = Group.all [ for handle in handles -> Group.join handle ]
                    return List.sum values
                })

        let! result = run body
        Assert.Equal(55, ok result)
        Assert.InRange(probe.Peak, 1, 2)
    }
