namespace FunctionalGroups.FSharp

open System

/// The `par { }` builder. The sources of one `let! … and! … and! …` run in parallel as one group (`Group.all`'s rules:
/// fail fast, join all, every failure, in source order), however many there are; a later `let!` runs after them.
/// Failures accumulate like FsToolkit's `validation { }`, but the first one cancels the rest.
/// <list type="bullet">
/// <item>`let! a = x and! b = y and! c = z` is one flat group of three (`Total` 3), never nested pairs.</item>
/// <item>`let!`, `and!`, `do!` and `return!` take a `Child<'T>`, an `Async<'T>` (`Child.ofAsync`), a task function of the
/// group's token (`fun ct -> …` giving a `Task<'T>`, a `ValueTask<'T>`, a `Task` or a `ValueTask`: `Child.ofTask` and
/// its kin) or a `Result<'T, 'E>` (`Child.ofResult`: an `Error` is a failure of the group, its value in a
/// `ResultError<'E>` unless it is an exception or a LanguageExt `Error`). A `Task<'T>` value is refused at compile
/// time: it is already running, so the group could neither start it (rule G8) nor cancel it; pass the function that
/// starts it.</item>
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

    /// A child as a source of `let!`, `and!`, `do!` and `return!`: as it is. (The other sources, an Async, a task
    /// function, a Result, are extensions in `ParSources`, so that a source of a type not yet inferred is a child.)
    member _.Source(child: Child<'T>) : Child<'T> = child

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

/// What `par { }` takes besides children, each made into a child as `Child.ofAsync`, `Child.ofTask` and
/// `Child.ofResult` make it (FsToolkit's `Source` members). They are extensions so that F#, which prefers the builder's
/// own `Source(Child<'T>)`, infers a child for a source of a type not yet known (`let both a b = par { let! x = a … }`).
[<AutoOpen>]
module ParSources =
    type ParBuilder with
        /// An F# Async: `Child.ofAsync` (started like `Async.StartImmediate`, cancelled through the group's token).
        member _.Source(computation: Async<'T>) : Child<'T> = Child.ofAsync computation

        /// A task function of the group's token: `Child.ofTask`.
        member _.Source(start: System.Threading.CancellationToken -> System.Threading.Tasks.Task<'T>) : Child<'T> =
            Child.ofTask start

        /// A task function without a value (`fun ct -> Task.Delay(100, ct)`): `Child.ofUnitTask`, the child gives `()`.
        member _.Source(start: System.Threading.CancellationToken -> System.Threading.Tasks.Task) : Child<unit> =
            Child.ofUnitTask start

        /// A `ValueTask` function of the group's token: `Child.ofValueTask`.
        member _.Source(start: System.Threading.CancellationToken -> System.Threading.Tasks.ValueTask<'T>) : Child<'T> =
            Child.ofValueTask start

        /// A `ValueTask` function without a value: `Child.ofUnitValueTask`, the child gives `()`.
        member _.Source(start: System.Threading.CancellationToken -> System.Threading.Tasks.ValueTask) : Child<unit> =
            Child.ofUnitValueTask start

        /// A `Result`: `Child.ofResult`. `Ok` is the value; `Error` is a failure of the child, so of the group (its
        /// `GroupError` holds it): an exception or a LanguageExt `Error` as it is, any other value in a
        /// `ResultError<'E>` (`On.resultError<'E>` takes it).
        member _.Source(result: Result<'T, 'E>) : Child<'T> = Child.ofResult result

        /// The items of `for item in items do …` (in sequence).
        member _.Source(items: 'Items) : 'Items when 'Items :> seq<'T> = items

        /// Refused: a `Task<'T>` value is already running, so the group could neither start it (rule G8) nor cancel
        /// it, and a failing sibling would leave it running. Pass the function that starts it with the group's token.
        [<Obsolete("par { } does not take a running Task<'T>: the group could neither start it (it is already running, rule G8) nor cancel it. Pass the function that starts it with the group's token: `let! x = fun ct -> fetch (url, ct)` (or Child.ofTask).", true)>]
        member _.Source(running: System.Threading.Tasks.Task<'T>) : Child<'T> = Child.ofTask (fun _ -> running)

        /// Refused: a `Task` value is already running (see the `Task<'T>` overload).
        [<Obsolete("par { } does not take a running Task: the group could neither start it (it is already running, rule G8) nor cancel it. Pass the function that starts it with the group's token: `do! fun ct -> Task.Delay(100, ct)` (or Child.ofUnitTask).", true)>]
        member _.Source(running: System.Threading.Tasks.Task) : Child<unit> = Child.ofUnitTask (fun _ -> running)

/// The `par { }` builder, opened with the namespace.
[<AutoOpen>]
module ParBuilderInstance =
    /// Parallel children with `let! … and! …`: see `ParBuilder`.
    let par = ParBuilder()
