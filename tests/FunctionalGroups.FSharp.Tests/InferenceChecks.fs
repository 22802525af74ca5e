/// Code that must compile as written, with no type annotation (FsToolkit's practice): if an overload or a generic
/// signature ever makes F# ask for one, this file stops compiling. The fact at the end runs every binding once.
module FunctionalGroups.FSharp.Tests.InferenceChecks

open System
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp

let total children = Group.all children |> Child.map List.sum

let both first second =
    par {
        let! a = first
        and! b = second
        return a + b
    }

let three first second third =
    par {
        let! a = first
        and! b = second
        and! c = third
        return String.concat "" [ a; b; c ]
    }

let inSequence first next =
    par {
        let! a = first
        let! b = next a
        return b
    }

let pair = Group.zip (Child.ofValue 1) (Child.ofAsync (async { return "two" }))

let triple = Group.zip3 (Child.ofValue 1) (Child.ofTask(fun _ -> Task.FromResult 2.0)) (Child.ofValue ())

let fromTask = Child.ofTask(fun token -> Task.Delay(0, token).ContinueWith(fun _ -> 3))

let fromUnitTask = Child.ofUnitTask(fun token -> Task.Delay(0, token))

let nothing = Child.ofAsync (async { return () })

let fromValueTask = Child.ofValueTask (fun _ -> ValueTask<int>(4))

let fromUnitValueTask = Child.ofUnitValueTask (fun _ -> ValueTask())

// A Result with any error type: a string, a domain error union (it fails in a ResultError).
let fromResult flag = Child.ofResult (if flag then Ok 5 else Error "boom")

// par { } takes what F# code has, with no wrapping and no annotation: an Async (of unit too), a task function of the
// token (Task<'T>, ValueTask<'T>, Task, ValueTask), a Result, a child.
let sources =
    par {
        let! a = async { return 1 }
        and! () = async { return () }
        and! b = fun _ -> Task.FromResult 2
        and! c = fun _ -> ValueTask<int>(3)
        and! () = fun token -> Task.Delay(0, token)
        and! () = fun _ -> ValueTask()
        and! d = Ok 4
        and! e = Child.ofValue 5
        return a + b + c + d + e
    }

// The same forms in sequence: do!, let!, return!, and for over a list.
let sourcesInSequence =
    par {
        do! fun token -> Task.Delay(0, token)
        do! async { return () }
        let! x = Ok 1

        for _ in [ 1; 2 ] do
            do! async { return () }

        return! async { return x + 1 }
    }

let settled children =
    Group.settle children
    |> Child.map (List.choose (fun outcome ->
        match outcome with
        | Ok value -> Some value
        | Error _ -> None))

let validated children = Group.validate children

let raced children = Group.race children

let traversed f items = items |> Group.traverse f

let traversedLazily f items = items |> Group.traverseStream f

// The streaming forms give IAsyncEnumerable values; building them needs no annotation either.
let streamed source = source |> Group.stream 4 GroupOptions.Default Child.ofValue

let streamedUnordered source = source |> Group.streamUnordered { GroupOptions.Default with MaxParallelism = Some 2 } Child.ofValue

let completed children = Group.asCompleted children

let settledAsCompleted children = Group.settleAsCompleted children

let scoped child =
    Group.scope (fun scope ->
        par {
            let! handle = Group.spawn scope child
            return! Group.join handle
        })

let handled child =
    child |> Group.catching On.exn<TimeoutException> (fun timeouts -> timeouts.Errors.Count)

let limited children =
    children |> Group.allWith { GroupOptions.Default with MaxParallelism = Some 2 }

// The type of the failures taken is the pattern's annotation: the one place where a type is named, by design.
let counted result =
    match result with
    | Ok value -> value
    | Error(Failures(timeouts: TimeoutException list, _)) -> -timeouts.Length
    | Error _ -> Int32.MinValue

let runs child =
    async {
        let! result = Group.runAsync child
        return counted result
    }

let runsAsTask token child = Group.runTask token child

// A task with no token to pass (issue 15): nothing outside cancels it.
let startsAsTask child = Group.startAsTask child

// `except*` as a function: the type argument is required (`GroupError.failuresOf group` does not compile, FS0685),
// as the pattern needs its annotation (an unannotated `Failures` does not compile: FailuresTests shows both).
let timeoutsOf group =
    GroupError.failuresOf<TimeoutException> group |> Option.map (fun (timeouts, _) -> timeouts.Length)

[<Fact>]
let ``the inference checks run`` () =
    task {
        let one = Child.ofValue 1
        let timeout = Child.fail (TimeoutException "t")

        let everything =
            par {
                let! a = total [ one; one ]
                and! b = both one one
                and! c = three (Child.ofValue "a") (Child.ofValue "b") (Child.ofValue "c")
                and! d = inSequence one (fun n -> Child.ofValue (n + 1))
                and! e = pair
                and! f = triple
                and! g = fromTask
                and! h = fromUnitTask
                and! i = nothing
                and! j = settled [ one; Child.fail (exn "x") ]
                and! k = validated [ one ]
                and! l = raced [ one ]
                and! m = traversed Child.ofValue [ 1; 2 ]
                and! n = scoped one
                and! o = handled (Group.all [ timeout ] |> Child.map List.sum)
                and! p = limited [ one; one; one ]
                and! r = fromValueTask
                and! s = fromUnitValueTask
                and! t = fromResult true
                and! u = sources
                and! v = sourcesInSequence
                and! w = traversedLazily Child.ofValue (Seq.initInfinite id |> Seq.take 3)
                let! q = runs (Group.all [ timeout ] |> Child.map List.sum) |> Child.ofAsync
                return (a, b, c, d, e, f, g, h, i, j, k, l), (m, n, o, p, q), (r, s, t, u, v, w)
            }

        let! result = Support.onPool (fun () -> runsAsTask Threading.CancellationToken.None everything)
        let! started = Support.onPool (fun () -> startsAsTask (Group.all [ timeout ]))
        Assert.Equal(Some 1, timeoutsOf (Support.failed started))

        let expected =
            (2, 2, "abc", 2, (1, "two"), (1, 2.0, ()), 3, (), (), [ 1 ], [ 1 ], 1),
            ([ 1; 2 ], 1, 1, [ 1; 1; 1 ], -1),
            (4, (), 5, 15, 2, [ 0; 1; 2 ])

        Assert.Equal(expected, Support.ok result)
        Assert.NotNull(streamed (Collections.Generic.List<int>() |> fun l -> System.Linq.AsyncEnumerable.ToAsyncEnumerable l))
        Assert.NotNull(streamedUnordered (System.Linq.AsyncEnumerable.Empty<int>()))
        Assert.NotNull(completed [ one ])
        Assert.NotNull(settledAsCompleted [ one ])
    }
