namespace FunctionalGroups.FSharp

open System

/// The `par { }` builder. The sources of one `let! … and! … and! …` run in parallel as one group (`Group.all`'s rules:
/// fail fast, join all, every failure, in source order), however many there are; a later `let!` runs after them.
/// Failures accumulate like FsToolkit's `validation { }`, but the first one cancels the rest.
/// <list type="bullet">
/// <item>`let! a = x and! b = y and! c = z` is one flat group of three (`Total` 3), never nested pairs.</item>
/// <item>A plain `let!` or `do!` runs its child in sequence; its failure is the failure of the whole (a group's
/// `GroupError`, or the child's own error).</item>
/// <item>Nothing runs when the expression is built (G8): each run of the child runs the body afresh.</item>
/// <item>`try … with` is not offered: failures are values (handle them with `Group.catching`), and a catch-all would
/// swallow cancellation (G13). `try … finally`, `use` and `for` (in sequence) are.</item>
/// </list>
/// <example><code>
/// par {
///     let! accounts = fetchAccounts
///     and! transactions = fetchTransactions
///     and! budgets = fetchBudgets
///     let! report = render accounts transactions budgets   // after the three
///     return report
/// }
/// </code></example>
type ParBuilder(options: GroupOptions) =
    let engine = GroupOptions.toEngine options

    /// A builder whose `and!` groups run with `options` (a parallelism limit, a timeout).
    /// <example><code>let limited = ParBuilder { GroupOptions.Default with MaxParallelism = Some 2 }</code></example>
    new() = ParBuilder(GroupOptions.Default)

    /// A child that gives `value`.
    member _.Return(value: 'T) : Child<'T> = Child.ofValue value

    /// The child itself.
    member _.ReturnFrom(child: Child<'T>) : Child<'T> = child

    /// A child that gives `()`.
    member _.Zero() : Child<unit> = Child.ofValue ()

    /// The body, run when the child runs (G8).
    member _.Delay(body: unit -> Child<'T>) : Child<'T> = Child.delay body

    /// `let!` and `do!`: runs `child` (the sources of an `and!`, as one group), then the rest with its value.
    member _.Bind(child: Child<'T>, rest: 'T -> Child<'U>) : Child<'U> =
        Closed(Effect.bind (fun value -> Child.effect (rest value)) (Child.close engine child))

    /// `let! … and! … return`: runs `child` (the sources of an `and!`, as one group) and maps its value.
    member _.BindReturn(child: Child<'T>, f: 'T -> 'U) : Child<'U> =
        match child with
        | Sources parts -> Closed(Parts.run engine parts f)
        | _ -> Closed(Effect.map f (Child.close engine child))

    /// `and!`: the two sources side by side, joined into the same group as the other sources of this `let!`.
    member _.MergeSources(first: Child<'A>, second: Child<'B>) : Child<'A * 'B> = Child.merge first second

    /// A `do!` followed by more: in sequence.
    member _.Combine(first: Child<unit>, rest: Child<'T>) : Child<'T> =
        Closed(Effect.bind (fun () -> Child.effect rest) (Child.effect first))

    /// `for item in items do …`: one item after the other, in sequence (for parallel, use `Group.traverse`).
    /// A failure stops the loop. (A loop, not a chain of binds: a long sequence does not deepen the stack.)
    member _.For(items: seq<'T>, body: 'T -> Child<unit>) : Child<unit> =
        Closed(
            Effect.ofFunc (fun runtime ->
                let ended =
                    task {
                        let mutable outcome = Effect.succeeded ()
                        use each = items.GetEnumerator()

                        while not outcome.IsFail && each.MoveNext() do
                            let! next = (Child.effect (body each.Current)).Run(runtime)
                            outcome <- next

                        return outcome
                    }

                System.Threading.Tasks.ValueTask<_>(task = ended))
        )

    /// `try … finally`: `compensation` runs once `body` has ended, whatever its outcome; if it raises, that is the
    /// child's failure.
    member _.TryFinally(body: Child<'T>, compensation: unit -> unit) : Child<'T> =
        Closed(
            Effect.ofFunc (fun runtime ->
                let ended =
                    task {
                        try
                            return! (Child.effect body).Run(runtime)
                        finally
                            compensation ()
                    }

                System.Threading.Tasks.ValueTask<_>(task = ended))
        )

    /// `use`: the resource is disposed once the rest has ended.
    member this.Using(resource: 'R, body: 'R -> Child<'T>) : Child<'T> when 'R :> IDisposable =
        this.TryFinally(
            Child.delay (fun () -> body resource),
            fun () ->
                match box resource with
                | null -> ()
                | _ -> resource.Dispose()
        )

/// The `par { }` builder, opened with the namespace.
[<AutoOpen>]
module ParBuilderInstance =
    /// Parallel children with `let! … and! …`: see `ParBuilder`.
    let par = ParBuilder()
