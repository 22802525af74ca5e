/// The streaming forms from F# (rules S1-S7): traverseStream over a lazy seq or an IAsyncEnumerable, stream,
/// streamUnordered, asCompleted and settleAsCompleted. (FSharp.Control.AsyncSeq 2.0.22, the version on the mirror,
/// targets netstandard2.0 and has no `ofAsyncEnum`; the streams are read here with their enumerator, as TaskSeq would.)
module FunctionalGroups.FSharp.Tests.StreamTests

open System
open System.Collections.Generic
open System.Threading
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

let private limit n = { GroupOptions.Default with MaxParallelism = Some n }

/// Every element of `stream`, in order (what `TaskSeq.toListAsync` does).
let private toList (stream: IAsyncEnumerable<'T>) : Task<'T list> =
    task {
        // `use` on an IAsyncDisposable awaits DisposeAsync (S5: it returns once every child ended).
        use e = stream.GetAsyncEnumerator()
        let items = ResizeArray()
        let mutable go = true

        while go do
            let! moved = e.MoveNextAsync()
            if moved then items.Add e.Current else go <- false

        return List.ofSeq items
    }

/// A source of `count` items as an `IAsyncEnumerable` that yields to the pool before each.
let private asyncRange (count: int) : IAsyncEnumerable<int> =
    { new IAsyncEnumerable<int> with
        member _.GetAsyncEnumerator(_) =
            let mutable at = -1

            { new IAsyncEnumerator<int> with
                member _.Current = at
                member _.MoveNextAsync() =
                    ValueTask<bool>(task {
                        do! Task.Yield()
                        at <- at + 1
                        return at < count
                    })
                member _.DisposeAsync() = ValueTask.CompletedTask } }

/// A lazy, unbounded source that counts what was pulled from it and how often it was enumerated.
type private Counted() =
    let mutable pulled = 0
    let mutable enumerations = 0
    member _.Pulled = Volatile.Read &pulled
    member _.Enumerations = Volatile.Read &enumerations

    member _.Items: seq<int> =
        seq {
            Interlocked.Increment &enumerations |> ignore
            let mutable i = 0

            while true do
                Interlocked.Increment &pulled |> ignore
                yield i
                i <- i + 1
        }

[<Fact>]
let ``S1 traverseStream pulls a lazy seq only as slots free`` () =
    task {
        let source = Counted()
        let release = Signal()
        let started = [| Signal(); Signal(); Signal() |]

        let work i =
            Child.ofTask (fun ct ->
                task {
                    started[i].Set()
                    do! release.Task.WaitAsync ct
                    return i * 10
                })

        let running = source.Items |> Seq.take 3 |> Group.traverseStreamWith (limit 2) work |> run
        do! started[0].Task
        do! started[1].Task
        Assert.Equal(2, source.Pulled)
        Assert.False started[2].IsSet
        release.Set()
        let! result = running
        Assert.Equal<int list>([ 0; 10; 20 ], ok result)
    }

[<Fact>]
let ``S7 traverseStream reads nothing when built and the source again on each run`` () =
    task {
        let source = Counted()
        let child = source.Items |> Seq.take 4 |> Group.traverseStreamWith (limit 2) (fun i -> Child.ofValue (i + 1))
        Assert.Equal(0, source.Enumerations)
        let! first = run child
        let! second = run child
        Assert.Equal<int list>(ok first, ok second)
        Assert.Equal(2, source.Enumerations)
    }

[<Fact>]
let ``S3 a source that throws fails the group with an entry named source`` () =
    task {
        let broken =
            seq {
                yield 1
                raise (InvalidOperationException "the source broke")
            }

        let! result = broken |> Group.traverseStream Child.ofValue |> run
        let group = failed result

        match Seq.exactlyOne group.Errors with
        | Named("source", Exn(e: InvalidOperationException)) -> Assert.Equal("the source broke", e.Message)
        | other -> failwithf "unexpected entry %O" other
    }

[<Fact>]
let ``S1 stream gives values in source order from an async source`` () =
    task {
        let source = asyncRange 20

        let slowFirst i =
            Child.ofTask (fun _ ->
                task {
                    if i % 3 = 0 then do! Task.Yield()
                    return i * 2
                })

        let! values = Group.stream 4 (limit 3) slowFirst source |> toList
        Assert.Equal<int list>([ for i in 0..19 -> i * 2 ], values)
    }

[<Fact>]
let ``S1 streamUnordered gives every value with its item's position`` () =
    task {
        let source = asyncRange 10
        let! all = Group.streamUnordered (limit 3) (fun i -> Child.ofValue (string i)) source |> toList
        Assert.Equal<(int64 * string) list>([ for i in 0L..9L -> i, string i ], all |> List.map (fun c -> c.Index, c.Value) |> List.sort)
    }

[<Fact>]
let ``S1 asCompleted gives values in completion order with their names`` () =
    task {
        let second = Signal()
        let children = [ okTask second.Task "a" |> Child.named "first"; Child.ofValue "b" |> Child.named "second" ]
        let stream = Group.asCompleted children
        let e = stream.GetAsyncEnumerator()
        let! moved = e.MoveNextAsync()
        Assert.True moved
        Assert.Equal(("second", "b"), (string e.Current.Name, e.Current.Value))
        second.Set()
        let! moved = e.MoveNextAsync()
        Assert.True moved
        Assert.Equal((0L, "first", "a"), (e.Current.Index, string e.Current.Name, e.Current.Value))
        let! moved = e.MoveNextAsync()
        Assert.False moved
        do! e.DisposeAsync()
    }

[<Fact>]
let ``S4 asCompleted ends with a GroupException once every child ended`` () =
    task {
        let probe = Probe()
        let error = InvalidOperationException "boom"
        let children = [ hangingTask probe; Child.fail error ]

        let! thrown =
            Assert.ThrowsAsync<GroupException>(fun () ->
                Group.asCompleted children |> toList :> Task)

        Assert.Same(error, (Seq.exactlyOne thrown.Group.Errors).ToException())
        Assert.Equal(0, probe.Live)
        Assert.Equal(1, probe.SawCancellation)
    }

[<Fact>]
let ``S5 leaving asCompleted early cancels and joins the children still running`` () =
    task {
        let probe = Probe()
        let e = (Group.asCompleted [ Child.ofValue 1; hangingTask probe; hangingTask probe ]).GetAsyncEnumerator()
        let! moved = e.MoveNextAsync()
        Assert.True moved
        do! e.DisposeAsync()
        Assert.Equal(0, probe.Live)
        Assert.Equal(2, probe.SawCancellation)
    }

[<Fact>]
let ``S6 settleAsCompleted gives every outcome as a Result and cancels no sibling`` () =
    task {
        let error = InvalidOperationException "boom"
        let! all = Group.settleAsCompleted [ Child.ofValue 1; Child.fail error; Child.ofValue 3 ] |> toList
        let byIndex = all |> List.sortBy (fun c -> c.Index) |> List.map (fun c -> c.Value)

        match byIndex with
        | [ Ok 1; Error e; Ok 3 ] -> Assert.Same(error, e.ToException())
        | other -> failwithf "unexpected outcomes %A" other
    }
