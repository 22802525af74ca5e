/// par { let! … and! … }: the and! sources run in parallel as one flat group under the group rules; a later let! runs
/// after them.
module FunctionalGroups.FSharp.Tests.ParTests

open System
open System.Threading
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

/// A task child that says it started, then waits for `release`.
let private waitsTask (started: Signal) (release: Task) value =
    Child.ofTask (fun _ ->
        task {
            started.Set()
            do! release
            return value
        })

/// An Async child that says it started, then waits for `release`.
let private waitsAsync (started: Signal) (release: Task) value =
    Child.ofAsync (
        async {
            started.Set()
            do! Async.AwaitTask release
            return value
        }
    )

[<Fact>]
let ``and! children run at the same time`` () =
    task {
        // A group starts its children on the starting thread, each up to its first wait: when the run returns its
        // task, both children are running, each waiting for the release. Run in sequence, the second would not
        // have started yet (and the test, which releases before it awaits, would fail instead of hanging).
        let first, second, release = Signal(), Signal(), Signal()

        let both =
            par {
                let! a = waitsTask first release.Task 1
                and! b = waitsAsync second release.Task 2
                return a + b
            }

        let running = Group.runTask CancellationToken.None both
        let bothRunning = first.IsSet && second.IsSet
        release.Set()
        let! result = running

        Assert.True(bothRunning, "the second and! child had not started while the first was running")
        Assert.Equal(3, ok result)
    }

/// A task child that fails with `error` once `release` opens, whatever its token says.
let private failsOnRelease (release: Task) (error: exn) : Child<int> =
    Child.ofTask (fun _ ->
        task {
            do! release
            return raise error
        })

[<Fact>]
let ``and! reports every failure, in source order, and cancels the others`` () =
    task {
        // Every child starts at once (the group starts them on this thread, each up to its first wait); the two
        // failing ones wait for the release, then fail together, so neither is cancelled before it fails. Run in
        // sequence, only the first would have started: one failure, and the test fails rather than hangs.
        let probe = Probe()
        let release = Signal()
        let timeout, refused = TimeoutException "slow", InvalidOperationException "refused"

        let body =
            par {
                let! a = failsOnRelease release.Task timeout
                and! b = hangingAsync probe
                and! c = failsOnRelease release.Task refused
                return a + b + c
            }

        let running = Group.runTask CancellationToken.None body
        release.Set()
        let! result = running
        let group = failed result

        Assert.Equal(3, group.Total)
        sameInstances [ timeout; refused ] (GroupError.exceptions group)
        Assert.Equal(1, probe.SawCancellation)
        Assert.Equal(0, probe.Live)
    }

[<Fact>]
let ``and! sources form one flat group, however many`` () =
    task {
        // Five children fail together (see above): all five are reported, as the entries of one group of five.
        // Nested pairs would give one entry and a group holding the rest, and so on down.
        let errors = [ for i in 1..5 -> InvalidOperationException(string i) :> exn ]
        let release = Signal()

        let body =
            par {
                let! a = failsOnRelease release.Task errors[0] |> Child.named "a"
                and! b = failsOnRelease release.Task errors[1]
                and! c = failsOnRelease release.Task errors[2]
                and! d = failsOnRelease release.Task errors[3]
                and! e = failsOnRelease release.Task errors[4] |> Child.named "e"
                return a + b + c + d + e
            }

        let running = Group.runTask CancellationToken.None body
        release.Set()
        let! result = running
        let group = failed result

        Assert.Equal(5, group.Total)
        Assert.Equal(5, group.Errors.Count)
        Assert.DoesNotContain(group.Errors, fun entry -> entry :? GroupError)
        sameInstances errors (GroupError.exceptions group)
    }

[<Fact>]
let ``a later let! runs only after the and! children have ended`` () =
    task {
        let first, second, release = Signal(), Signal(), Signal()
        let later = Signal()

        let body =
            par {
                let! a = waitsTask first release.Task 1
                and! b = waitsAsync second release.Task 2

                let! c =
                    Child.ofAsync (
                        async {
                            later.Set()
                            return 3
                        }
                    )

                return a + b + c
            }

        // The and! children start at once and wait for the release; the later child must not have started.
        let running = Group.runTask CancellationToken.None body
        let startedEarly = later.IsSet
        let andStarted = first.IsSet && second.IsSet
        release.Set()
        let! result = running

        Assert.True(andStarted)
        Assert.False(startedEarly, "the later let! started while the and! children were running")
        Assert.Equal(6, ok result)
    }

[<Fact>]
let ``a failure of the and! group stops the body: a later let! never runs`` () =
    task {
        let later = Probe()
        let error = InvalidOperationException "first"

        let body =
            par {
                let! a = Child.fail error
                and! b = Child.ofValue 1

                let! c =
                    Child.ofAsync (
                        async {
                            later.Enter()
                            return 1
                        }
                    )

                return a + b + c
            }

        let! result = run body
        Assert.Equal(0, later.Started)
        sameInstances [ error ] (GroupError.exceptions (failed result))
    }

[<Fact>]
let ``a nested par stays a nested group (G6)`` () =
    task {
        let error = TimeoutException "inner"

        let inner =
            par {
                let! a = Child.fail error
                and! b = Child.ofValue 1
                return a + b
            }

        let outer =
            par {
                let! x = inner |> Child.named "inner"
                and! y = Child.ofValue 2
                return x + y
            }

        let! result = run outer
        let group = failed result
        Assert.Equal(2, group.Total)

        match GroupError.errors group with
        | [ Named("inner", (:? GroupError as nested)) ] -> sameInstances [ error ] (GroupError.exceptions nested)
        | other -> failwithf "expected the inner group as one named entry, got %A" other
    }

[<Fact>]
let ``par builds nothing until it runs, and each run runs the body afresh (G8)`` () =
    task {
        let mutable bodies = 0

        let body =
            par {
                Interlocked.Increment &bodies |> ignore
                let! a = Child.ofValue 1
                and! b = Child.ofValue 2
                return a + b
            }

        Assert.Equal(0, bodies)
        let! first = run body
        let! second = run body
        Assert.Equal(2, bodies)
        Assert.Equal(3, ok first)
        Assert.Equal(3, ok second)
    }

type private Resource(log: ResizeArray<string>) =
    interface IDisposable with
        member _.Dispose() = lock log (fun () -> log.Add "disposed")

[<Fact>]
let ``use and try/finally in par run their cleanup once the rest has ended, whatever its outcome`` () =
    task {
        let log = ResizeArray<string>()
        let error = InvalidOperationException "failed"

        let body fails =
            par {
                use _ = new Resource(log)

                try
                    let! a =
                        Child.ofTask (fun _ ->
                            task {
                                do! Task.Yield()
                                lock log (fun () -> log.Add "worked")
                                return if fails then raise error else 1
                            })

                    and! b = Child.ofValue 2
                    return a + b
                finally
                    lock log (fun () -> log.Add "finally")
            }

        let! fine = run (body false)
        Assert.Equal(3, ok fine)
        let! broken = run (body true)
        sameInstances [ error ] (GroupError.exceptions (failed broken))
        Assert.Equal<string list>([ "worked"; "finally"; "disposed"; "worked"; "finally"; "disposed" ], List.ofSeq log)
    }

[<Fact>]
let ``a builder with options runs its and! groups under them`` () =
    task {
        let probe = Probe()
        let oneAtATime = ParBuilder { GroupOptions.Default with MaxParallelism = Some 1 }

        let counted = probe.Counted

        let body =
            oneAtATime {
                let! a = counted 1
                and! b = counted 2
                and! c = counted 3
                return a + b + c
            }

        let! result = run body
        Assert.Equal(6, ok result)
        Assert.Equal(1, probe.Peak)
        Assert.Equal(3, probe.Ended)
    }

[<Fact>]
let ``for in par runs its children one after the other, and a failure stops the loop`` () =
    task {
        let probe = Probe()
        let seen = ResizeArray<int>()
        let error = InvalidOperationException "at 3"

        let step item =
            Child.ofTask (fun _ ->
                task {
                    probe.Enter()
                    do! Task.Yield()
                    lock seen (fun () -> seen.Add item)
                    probe.Exit()
                    return if item = 3 then raise error else ()
                })

        let! result =
            run (
                par {
                    for item in 1..5 do
                        do! step item
                }
            )

        sameInstances [ error ] (GroupError.exceptions (failed result))
        Assert.Equal<int list>([ 1; 2; 3 ], List.ofSeq seen)
        Assert.Equal(1, probe.Peak)

        let mutable total = 0L

        let! long =
            run (
                par {
                    for item in 1..100_000 do
                        do! Child.ofValue item |> Child.map (fun i -> total <- total + int64 i)
                }
            )

        ok long
        Assert.Equal(5_000_050_000L, total)
    }

[<Fact>]
let ``par takes an Async, task functions of the token, a Result and a child as sources, each as its Child form`` () =
    task {
        let! result =
            run (
                par {
                    let! a = async { return 1 }
                    and! b = fun _ -> Task.FromResult "two"
                    and! c = fun _ -> ValueTask<int>(3)
                    and! () = fun _ -> Task.CompletedTask
                    and! () = fun _ -> ValueTask()
                    and! d = Ok 4.0
                    and! e = Child.ofValue 'e'
                    return a, b, c, d, e
                }
            )

        Assert.Equal((1, "two", 3, 4.0, 'e'), ok result)
    }

[<Fact>]
let ``a task function source gets the group's token: a failing sibling cancels it and the group waits for it (G1, G2)`` () =
    task {
        let probe = Probe()
        let error = InvalidOperationException "sibling failed"

        let! result =
            run (
                par {
                    let! a = fun token -> hangingBody probe token
                    and! () =
                        fun (_: CancellationToken) ->
                            task {
                                do! Task.Yield()
                                return raise error
                            }
                            :> Task
                    return a
                }
            )

        sameInstances [ error ] (GroupError.exceptions (failed result))
        Assert.Equal(1, probe.SawCancellation)
        Assert.Equal(0, probe.Live)
    }

[<Fact>]
let ``an Async source gets the group's token: a failing sibling cancels it (G2)`` () =
    task {
        let probe = Probe()
        let error = InvalidOperationException "sibling failed"
        let hanging = hangingAsync probe

        let! result =
            run (
                par {
                    let! a = hanging
                    and! b =
                        async {
                            do! Async.SwitchToThreadPool()
                            return raise error
                        }
                    return a + b
                }
            )

        sameInstances [ error ] (GroupError.exceptions (failed result))
        Assert.Equal(1, probe.SawCancellation)
    }

/// A domain error, as FsToolkit users carry it in `Result`.
type private DomainError =
    | NotFound of string
    | Invalid

[<Fact>]
let ``an Error source fails the group with its value in a ResultError, which On.resultError takes by type`` () =
    task {
        let lookup: Result<int, DomainError> = Error(NotFound "user 7")

        let sum =
            par {
                let! a = lookup
                and! b = Child.ofValue 2
                return a + b
            }

        let! result = run sum
        let failure = Assert.IsType<ResultError<DomainError>>(List.exactlyOne (GroupError.exceptions (failed result)))
        Assert.Equal(NotFound "user 7", failure.Error)

        let! handled = run (sum |> Group.catching On.resultError<DomainError> (fun _ -> -1))
        Assert.Equal(-1, ok handled)
    }

[<Fact>]
let ``an Error source holding an exception or a LanguageExt Error fails with that very failure`` () =
    task {
        let timeout = TimeoutException "slow"
        let error = LanguageExt.Common.Error.New "plain"

        let! result =
            run (
                Group.validate [
                    par { let! a = (Error timeout: Result<int, exn>) in return a }
                    par { let! a = (Error error: Result<int, LanguageExt.Common.Error>) in return a }
                ]
            )

        match List.ofSeq (failed result).Errors with
        | [ first; second ] ->
            Assert.Same(timeout, first.ToException())
            Assert.Same(error, second)
        | other -> failwithf "expected two failures, got %A" other
    }

[<Fact>]
let ``a running Task is refused at compile time, with a message that points to the task function`` () =
    // `let! x = Task.FromResult 1` must not compile: the group could neither start nor cancel a running task (G8).
    // The refusal is an error-level Obsolete on the Task and Task<'T> sources; F# reports its message as the error.
    let sources =
        typeof<ParBuilder>.Assembly.GetTypes()
        |> Seq.collect (fun t -> t.GetMethods(Reflection.BindingFlags.Public ||| Reflection.BindingFlags.Static))
        |> Seq.filter (fun m -> m.Name.StartsWith "ParBuilder.Source")
        |> Seq.map (fun m -> (m.GetParameters() |> Array.last).ParameterType, m)
        |> List.ofSeq

    let refused (parameter: Type -> bool) =
        let _, source = sources |> List.find (fun (p, _) -> parameter p)
        let obsolete = source.GetCustomAttributes(typeof<ObsoleteAttribute>, false) |> Seq.exactlyOne :?> ObsoleteAttribute
        Assert.True(obsolete.IsError)
        Assert.Contains("fun ct ->", obsolete.Message)

    refused (fun p -> p.IsGenericType && p.GetGenericTypeDefinition() = typedefof<Task<_>>)
    refused (fun p -> p = typeof<Task>)
