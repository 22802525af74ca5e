/// Children from F# and .NET code: unit and None values, the group's token flowing into Async and task children,
/// every exception kept, names, interop.
module FunctionalGroups.FSharp.Tests.ChildTests

open System
open System.Threading
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

[<Fact>]
let ``a child of type Async<unit> succeeds`` () =
    task {
        let! result = run (Child.ofAsync (async { return () }))
        Assert.Equal((), ok result)
    }

[<Fact>]
let ``a child of type Async<string option> that gives None succeeds with None`` () =
    task {
        let none: Child<string option> = Child.ofAsync (async { return None })
        let! result = run none
        Assert.Equal(None, ok result)
    }

[<Fact>]
let ``unit and None children work in every form of group`` () =
    task {
        let nothing = Child.ofAsync (async { return () })
        let none: Child<int option> = Child.ofTask (fun _ -> Task.FromResult None)
        let unitTask = Child.ofUnitTask (fun _ -> Task.CompletedTask)

        let! all = run (Group.all [ nothing; unitTask; Child.ofValue () ])
        let! zipped = run (Group.zip3 nothing none unitTask)

        let! built =
            run (
                par {
                    let! a = nothing
                    and! b = none
                    let! c = Group.settle [ nothing ]
                    return a, b, c
                }
            )

        Assert.Equal<unit list>([ (); (); () ], ok all)
        Assert.Equal(((), None, ()), ok zipped)
        Assert.Equal(((), None, [ Ok() ]), ok built)
    }

[<Fact>]
let ``the group's token flows into an Async child: a failing sibling cancels it and the group waits for it`` () =
    task {
        let probe = Probe()
        let started = Signal()
        let error = InvalidOperationException "sibling failed"

        let waiting =
            Child.ofAsync (
                async {
                    let! token = Async.CancellationToken
                    probe.Enter()

                    try
                        started.Set()
                        do! Task.Delay(Timeout.Infinite, token) |> Async.AwaitTask
                        return 0
                    finally
                        if token.IsCancellationRequested then probe.Cancelled()
                        probe.Exit()
                }
            )

        let! result = run (Group.all [ waiting; failsAsync started.Task error ])

        let group = failed result
        Assert.Equal(1, probe.SawCancellation)
        Assert.Equal(0, probe.Live)
        sameInstances [ error ] (GroupError.exceptions group)
    }

[<Fact>]
let ``the group's token flows into a task child`` () =
    task {
        let probe = Probe()
        let started = Signal()
        let error = InvalidOperationException "sibling failed"

        let waiting =
            Child.ofTask (fun token ->
                task {
                    probe.Enter()

                    try
                        started.Set()
                        do! Task.Delay(Timeout.Infinite, token)
                        return 0
                    finally
                        if token.IsCancellationRequested then probe.Cancelled()
                        probe.Exit()
                })

        let! result = run (Group.all [ waiting; failsAsync started.Task error ])

        Assert.Equal(1, probe.SawCancellation)
        Assert.Equal(0, probe.Live)
        sameInstances [ error ] (GroupError.exceptions (failed result))
    }

/// Waits, inside F#'s machinery, until `token` is cancelled, and reports it as an exception: once `started` is set,
/// the Async is suspended here, past F#'s own cancellation checks.
let private suspendedUntilCancelled (token: CancellationToken) (started: Signal) : Async<unit> =
    Async.FromContinuations(fun (_, fail, _) ->
        token.Register(fun () -> fail (OperationCanceledException token)) |> ignore
        started.Set())

[<Fact>]
let ``an Async that fails while it is being cancelled is a failure too (G3)`` () =
    task {
        let started = Signal()
        let first = InvalidOperationException "first"
        let cleanup = TimeoutException "cleanup failed"

        let cleansUpBadly =
            Child.ofAsync (
                async {
                    try
                        let! token = Async.CancellationToken
                        do! suspendedUntilCancelled token started
                        return 0
                    finally
                        raise cleanup
                }
            )

        let! result = run (Group.all [ cleansUpBadly; failsAsync started.Task first ])

        sameInstances [ cleanup; first ] (GroupError.exceptions (failed result))
    }

[<Fact>]
let ``an Async that raises OperationCanceledException of its own, while the group's token is clear, fails (G13)`` () =
    task {
        let ownTimeout = OperationCanceledException "the HTTP client timed out"
        let! result = run (Group.all [ Child.ofAsync (async { return raise ownTimeout }); Child.ofValue 1 ])
        sameInstances [ ownTimeout ] (GroupError.exceptions (failed result))
    }

[<Fact>]
let ``a task child keeps every exception of a task that awaited several (G3)`` () =
    task {
        let one = InvalidOperationException "one"
        let two = TimeoutException "two"

        let both =
            Child.ofTask (fun _ -> Task.WhenAll(Task.FromException<int> one, Task.FromException<int> two))

        let! result = run (Group.all [ both ])

        let aggregate = Assert.IsType<AggregateException>(List.exactlyOne (GroupError.exceptions (failed result)))
        sameInstances [ one; two ] (List.ofSeq aggregate.InnerExceptions)
    }

[<Fact>]
let ``a task function that throws, or returns null, fails its own child only (G12)`` () =
    task {
        let thrown = InvalidOperationException "thrown before any task"
        let throws = Child.ofTask (fun _ -> raise thrown)
        let returnsNull: Child<int> = Child.ofTask (fun _ -> Unchecked.defaultof<Task<int>>)

        let! result = run (Group.validate [ throws; returnsNull; Child.ofValue 3 ])

        match GroupError.exceptions (failed result) with
        | [ first; second ] ->
            Assert.Same(thrown, first)
            Assert.IsType<InvalidOperationException>(second) |> ignore
        | other -> failwithf "expected two failures, got %A" other
    }

[<Fact>]
let ``ofResult, fail and ofValue make ready children`` () =
    task {
        let error = ArgumentException "bad"
        let! result = run (Group.validate [ Child.ofResult (Ok 1); Child.ofResult (Error error); Child.ofValue 3 ])
        sameInstances [ error ] (GroupError.exceptions (failed result))

        let! fine = run (Group.all [ Child.ofResult (Ok 1); Child.ofValue 2 ])
        Assert.Equal<int list>([ 1; 2 ], ok fine)
    }

[<Fact>]
let ``a name travels with the failure and never hides its type (G4)`` () =
    task {
        let error = TimeoutException "slow"
        let! result = run (Group.all [ Child.fail error |> Child.named "accounts"; Child.ofValue 2 ])
        let group = failed result

        match GroupError.errors group with
        | [ Named(name, own) ] ->
            Assert.Equal("accounts", name)
            Assert.Same(error, own.ToException())
        | other -> failwithf "expected one named entry, got %A" other

        Assert.True(group.Is<TimeoutException>())
        Assert.Contains("accounts", string group)
        Assert.Throws<ArgumentException>(fun () -> Child.ofValue 1 |> Child.named " " |> ignore) |> ignore
    }

[<Fact>]
let ``building a child starts nothing, and each run runs it afresh (G8)`` () =
    task {
        let mutable runs = 0
        let counted = Child.ofAsync (async { return Interlocked.Increment &runs })
        let group = Group.all [ counted; counted ] |> Child.map List.sum
        Assert.Equal(0, runs)
        let! first = run group
        let! second = run group
        Assert.Equal(3, ok first)
        Assert.Equal(7, ok second)
    }

[<Fact>]
let ``ofAff and toAff carry children to and from C# (LanguageExt holds no null)`` () =
    task {
        let aff = Child.toAff (Group.all [ Child.ofValue 1; Child.ofValue 2 ] |> Child.map List.sum)
        let! back = run (Child.ofAff aff)
        Assert.Equal(3, ok back)

        let! unitThere = run (Child.ofAff (Child.toAff (Child.ofValue ())))
        let group = failed unitThere
        Assert.IsType<LanguageExt.ValueIsNullException>(List.exactlyOne (GroupError.exceptions group)) |> ignore
    }

[<Fact>]
let ``ofValueTask and ofUnitValueTask give the value of a ValueTask, completed at once or later`` () =
    task {
        let gate = Signal()

        let later =
            Child.ofValueTask (fun _ ->
                ValueTask<int>(
                    task {
                        do! gate.Task
                        return 2
                    }
                ))

        let unitLater = Child.ofUnitValueTask (fun _ -> ValueTask(gate.Task))
        let running = run (Group.zip3 (Child.ofValueTask (fun _ -> ValueTask<int>(1))) later unitLater)
        gate.Set()
        let! result = running
        Assert.Equal((1, 2, ()), ok result)
    }

[<Fact>]
let ``a ValueTask child gets the group's token: a failing sibling cancels it (G2)`` () =
    task {
        let probe = Probe()
        let error = InvalidOperationException "sibling failed"

        let hanging = Child.ofValueTask (fun token -> ValueTask<int>(hangingBody probe token))

        let! result = run (Group.all [ hanging; failsAsync Task.CompletedTask error ])
        sameInstances [ error ] (GroupError.exceptions (failed result))
        Assert.Equal(1, probe.SawCancellation)
    }

[<Fact>]
let ``Async, task and ValueTask children are on the engine's lifted-child fast path`` () =
    // The engine starts a child itself, with no LanguageExt machinery, when its effect's function belongs to a
    // TaskChild (the C# engine's ChildrenRun.RunChild). F#'s children must be made that way.
    let lifted (child: Child<'T>) =
        let case = child.GetType()
        let all = Reflection.BindingFlags.Instance ||| Reflection.BindingFlags.Public ||| Reflection.BindingFlags.NonPublic
        let field = (nonNull (case.GetProperty("Item", all))).GetValue child
        Assert.Equal("Lift", case.Name)

        let rec bases (t: Type | null) =
            match t with
            | null -> []
            | t -> t.Name :: bases t.BaseType

        Assert.Contains("TaskChild`2", bases ((nonNull field).GetType()))

    lifted (Child.ofAsync (async { return 1 }))
    lifted (Child.ofTask (fun _ -> Task.FromResult 1))
    lifted (Child.ofUnitTask (fun _ -> Task.CompletedTask))
    lifted (Child.ofValueTask (fun _ -> ValueTask<int>(1)))
    lifted (Child.ofUnitValueTask (fun _ -> ValueTask()))

[<Fact>]
let ``an Async child that raises an AggregateException, or is cancelled by its own token, ends as F# reported it`` () =
    task {
        let aggregate = AggregateException(InvalidOperationException "one", TimeoutException "two")
        let own = new CancellationTokenSource()
        own.Cancel()

        let! result =
            run (
                Group.validate [
                    Child.ofAsync (async { return raise aggregate })
                    Child.ofAsync (async { return! Async.AwaitTask(Task.FromCanceled<int> own.Token) })
                    Child.ofValue 3
                ]
            )

        // Not cancelled by the group: its OperationCanceledException is a real failure (G13).
        match GroupError.exceptions (failed result) with
        | [ first; second ] ->
            Assert.Same(aggregate, first)
            Assert.IsAssignableFrom<OperationCanceledException>(second) |> ignore
        | other -> failwithf "expected two failures, got %A" other
    }

[<Fact>]
let ``ofResult takes any error type: a string or a union fails in a ResultError holding it`` () =
    task {
        let! result = run (Group.validate [ Child.ofResult (Error "boom"); Child.ofResult (Ok 2) ])
        let failure = Assert.IsType<ResultError<string>>(List.exactlyOne (GroupError.exceptions (failed result)))
        Assert.Equal("boom", failure.Error)
        Assert.Equal("Error boom", failure.Message)
    }

[<Fact>]
let ``task children of any value type keep every exception of a task that awaited several (G3)`` () =
    task {
        let one = InvalidOperationException "one"
        let two = TimeoutException "two"
        let three = ArgumentException "three"
        let four = FormatException "four"
        // string values travel in a Slot, int option values may be null, unit tasks have no value: each its own path.
        let strings = Child.ofTask (fun _ -> Task.WhenAll(Task.FromException<string> one, Task.FromException<string> two))
        let units = Child.ofUnitTask (fun _ -> Task.WhenAll(Task.FromException three, Task.FromException four))

        let! result = run (Group.validate [ strings |> Child.map ignore; units ])

        match GroupError.exceptions (failed result) with
        | [ first; second ] ->
            sameInstances [ one; two ] (List.ofSeq (Assert.IsType<AggregateException>(first)).InnerExceptions)
            sameInstances [ three; four ] (List.ofSeq (Assert.IsType<AggregateException>(second)).InnerExceptions)
        | other -> failwithf "expected two failures, got %A" other

        // int values go to the engine with no Slot (Group.all of a type that is never null), the task as it is.
        let several = TaskCompletionSource<int>()
        several.SetException [ one :> exn; two ]
        let! ints = run (Group.all [ Child.ofTask (fun _ -> several.Task) ])
        let aggregate = Assert.IsType<AggregateException>(List.exactlyOne (GroupError.exceptions (failed ints)))
        sameInstances [ one; two ] (List.ofSeq aggregate.InnerExceptions)
    }

[<Fact>]
let ``Group.all of lifted children gives every value, null ones included (a Nullable without a value, None, ())`` () =
    task {
        let! nullables =
            run (
                Group.all [
                    Child.ofTask (fun _ -> Task.FromResult(Nullable<int>()))
                    Child.ofValueTask (fun _ -> ValueTask<Nullable<int>>(Nullable 2))
                ]
            )

        let! options = run (Group.all [ Child.ofAsync (async { return None }); Child.ofTask (fun _ -> Task.FromResult(Some 1)) ])
        let! units = run (Group.all [ Child.ofUnitTask (fun _ -> Task.CompletedTask); Child.ofAsync (async { return () }) ])
        Assert.Equal<Nullable<int> list>([ Nullable(); Nullable 2 ], ok nullables)
        Assert.Equal<int option list>([ None; Some 1 ], ok options)
        Assert.Equal<unit list>([ (); () ], ok units)
    }
