/// The F# face's spans and who-cancelled-whom (rules T1, T2): they come from the engine, so an F# group has them too.
module FunctionalGroups.FSharp.Tests.ObservabilityTests

open System.Collections.Concurrent
open System.Diagnostics
open System.Threading.Tasks
open Xunit
open FunctionalGroups
open FunctionalGroups.Diagnostics
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

/// Starts, says so, then waits until cancelled.
let private startsThenHangs (started: Signal) : Child<int> =
    Child.ofTask (fun token ->
        task {
            started.Set()
            do! Task.Delay(-1, token)
            return 0
        })

[<Fact>]
let ``T1 and T2 an F# group names the siblings its failure cancelled, on the error and on the spans`` () =
    task {
        let stopped = ConcurrentQueue<Activity>()
        // Listened to by name (another test's source is made with another name); the test's own root span keeps
        // other tests' groups out (their spans have other trace ids).
        use listener =
            new ActivityListener(
                ShouldListenTo = (fun s -> s.Name = GroupTelemetry.SourceName || s.Name = "FunctionalGroups.FSharp.Tests"),
                Sample = (fun _ -> ActivitySamplingResult.AllDataAndRecorded),
                ActivityStopped = (fun a -> stopped.Enqueue a))
        ActivitySource.AddActivityListener listener
        use source = new ActivitySource("FunctionalGroups.FSharp.Tests")
        use root =
            match source.StartActivity "request" with
            | null -> failwith "the test's own source is not listened to"
            | root -> root
        let pricing, stock = Signal(), Signal()
        let fails =
            Child.ofTask (fun _ ->
                task {
                    do! Task.WhenAll(pricing.Task, stock.Task)
                    return raise (System.TimeoutException "accounts timed out")
                })
            |> Child.named "accounts"
        let! result =
            run (Group.all [ fails; startsThenHangs pricing |> Child.named "pricing"; startsThenHangs stock |> Child.named "stock" ])
        let error = failed result
        Assert.Equal(1, error.Errors.Count)
        let cancellation =
            match error.Cancellation with
            | null -> failwith "the error has no cancellation"
            | cancellation -> cancellation
        Assert.Equal(CancelReason.Failure, cancellation.Reason)
        Assert.Equal(System.Nullable(CancelledChild(0, "accounts", true)), cancellation.FailedChild)
        Assert.Equal<CancelledChild list>([ CancelledChild(1, "pricing", true); CancelledChild(2, "stock", true) ], List.ofSeq cancellation.Children)

        let spans = stopped |> Seq.filter (fun a -> a.TraceId = root.TraceId && a <> root) |> List.ofSeq
        let group = spans |> List.find (fun s -> s.DisplayName = "group All")
        Assert.Same(root, group.Parent)
        for name in [ "pricing"; "stock" ] do
            let span = spans |> List.find (fun s -> s.DisplayName = "child " + name)
            Assert.Same(group, span.Parent)
            Assert.Equal("cancelled", span.GetTagItem GroupTelemetry.Attributes.Outcome |> string)
            Assert.Equal("'accounts' (#0)", span.GetTagItem GroupTelemetry.Attributes.CancelledBy |> string)
        Assert.Equal("failed", (spans |> List.find (fun s -> s.DisplayName = "child accounts")).GetTagItem GroupTelemetry.Attributes.Outcome |> string)
    }

[<Fact>]
let ``T1 a par block's named children keep their names in who-cancelled-whom`` () =
    task {
        let started = Signal()
        let fails =
            Child.ofTask (fun _ ->
                task {
                    do! started.Task
                    return raise (System.InvalidOperationException "bad")
                })
            |> Child.named "accounts"
        let! result =
            run (
                par {
                    let! a = startsThenHangs started |> Child.named "pricing"
                    and! b = fails
                    return a + b
                }
            )
        let error = failed result
        let cancellation =
            match error.Cancellation with
            | null -> failwith "the error has no cancellation"
            | cancellation -> cancellation
        Assert.Equal(System.Nullable(CancelledChild(1, "accounts", true)), cancellation.FailedChild)
        Assert.Equal<CancelledChild list>([ CancelledChild(0, "pricing", true) ], List.ofSeq cancellation.Children)
    }
