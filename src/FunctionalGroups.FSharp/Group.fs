namespace FunctionalGroups.FSharp

open System
open System.Threading
open System.Threading.Tasks
open System.Collections.Generic

/// Structured concurrency for F#: a group runs its children in parallel and is itself a child (rules G1-G14). The
/// first real failure cancels every sibling, the group waits for every child, and every failure comes back in child
/// order in one `GroupError`. Building a group starts nothing; `runAsync`, `runTask` and `startAsTask` run it.
/// <example><code>
/// let! result = Group.all [ fetch "a"; fetch "b" ] |> Group.runAsync
/// match result with
/// | Ok pages -> printfn "%d pages" pages.Length
/// | Error group -> printfn "%O" group
/// </code></example>
[<RequireQualifiedAccess>]
module Group =
    type private Runtime = FunctionalGroups.GroupRuntime

    /// `f` of every child, in one array, the children read once (a list or an array with no enumerator and no
    /// growing buffer).
    let private mapChildren (f: Child<'T> -> 'E) (children: seq<Child<'T>>) : 'E array =
        match children with
        | null -> nullArg (nameof children)
        | :? (Child<'T> list) as list ->
            let effects = Array.zeroCreate (List.length list)
            let mutable rest = list
            let mutable at = 0

            while not rest.IsEmpty do
                effects[at] <- f rest.Head
                rest <- rest.Tail
                at <- at + 1

            effects
        | :? (Child<'T> array) as array -> Array.map f array
        | _ -> children |> Seq.map f |> Array.ofSeq

    let private effects (children: seq<Child<'T>>) : Eff<'T> array = mapChildren Child.effect children

    /// The values in order as an F# list, built from the last (no enumerator, no copy).
    let private toList (values: LanguageExt.Seq<Slot<'T>>) : 'T list =
        let mutable list = []

        for at in values.Count - 1 .. -1 .. 0 do
            list <- values[at].Value :: list

        list

    let private listOf (group: LanguageExt.Aff<Runtime, LanguageExt.Seq<Slot<'T>>>) : Child<'T list> =
        Closed(
            LanguageExt.AffExtensions.Map(
                group,
                Func<LanguageExt.Seq<Slot<'T>>, Slot<'T list>>(fun values -> { Value = toList values })
            )
        )

    let private isLifted (child: Child<'T>) =
        match child with
        | Lift _ -> true
        | _ -> false

    /// Runs the children in parallel with `options`: fail fast, join all, every failure (see `all`).
    /// <exception cref="System.ArgumentException">`children` is null, or `options` is invalid.</exception>
    let allWith (options: GroupOptions) (children: seq<Child<'T>>) : Child<'T list> =
        let engine = GroupOptions.toEngine options

        let children =
            match children with
            | null -> nullArg (nameof children)
            | :? (Child<'T> list)
            | :? (Child<'T> array) -> children
            | _ -> Array.ofSeq children :> seq<_>

        // Lifted children whose values are never null go to the engine as they are: no Slot, and a task child's own
        // task, with no wrapper per run. (Any other child keeps its effect: a map per child would cost more.)
        if Shapes<'T>.Bare && Seq.forall isLifted children then
            let bare child =
                match child with
                | Lift lifted -> BareLifted(lifted).ToAff()
                | _ -> Child.toAff child

            let group = FunctionalGroups.Group.All<Runtime, 'T>(mapChildren bare children :> seq<_>, engine)

            Closed(
                LanguageExt.AffExtensions.Map(
                    group,
                    Func<LanguageExt.Seq<'T>, Slot<'T list>>(fun values ->
                        let mutable list = []

                        for at in values.Count - 1 .. -1 .. 0 do
                            list <- values[at] :: list

                        { Value = list })
                )
            )
        else
            listOf (FunctionalGroups.Group.All<Runtime, Slot<'T>>(effects children :> seq<_>, engine))

    /// Runs the children in parallel: the first real failure cancels every sibling (G2), the group waits for every
    /// child (G1), and gives every value in child order, or fails with a `GroupError` of every real failure (G3, G5).
    /// An empty group succeeds with `[]`.
    /// <example><code>Group.all [ Child.ofTask fetchA; Child.ofTask fetchB ]</code></example>
    let all (children: seq<Child<'T>>) : Child<'T list> = allWith GroupOptions.Default children

    /// Two children of different types in parallel, under the rules of `all`.
    /// <example><code>Group.zip accounts budgets |> Child.map (fun (a, b) -> summary a b)</code></example>
    let zip (first: Child<'A>) (second: Child<'B>) : Child<'A * 'B> =
        Closed(
            LanguageExt.AffExtensions.Map(
                FunctionalGroups.Group.Zip(Child.effect first, Child.effect second),
                Func<struct (Slot<'A> * Slot<'B>), Slot<'A * 'B>>(fun struct (a, b) -> { Value = a.Value, b.Value })
            )
        )

    /// Three children of different types in parallel, under the rules of `all`. (For more, use `par { }`.)
    let zip3 (first: Child<'A>) (second: Child<'B>) (third: Child<'C>) : Child<'A * 'B * 'C> =
        Closed(
            LanguageExt.AffExtensions.Map(
                FunctionalGroups.Group.Zip(Child.effect first, Child.effect second, Child.effect third),
                Func<struct (Slot<'A> * Slot<'B> * Slot<'C>), Slot<'A * 'B * 'C>>(fun struct (a, b, c) ->
                    { Value = a.Value, b.Value, c.Value })
            )
        )

    /// `settle` with `options`.
    let settleWith (options: GroupOptions) (children: seq<Child<'T>>) : Child<Result<'T, LanguageExt.Common.Error> list> =
        let engine = GroupOptions.toEngine options
        let settled = FunctionalGroups.Group.Settle<Runtime, Slot<'T>>(effects children :> seq<_>, engine)

        Closed(
            LanguageExt.AffExtensions.Map(
                settled,
                Func<LanguageExt.Seq<LanguageExt.Fin<Slot<'T>>>, Slot<Result<'T, LanguageExt.Common.Error> list>>(fun outcomes ->
                    { Value = outcomes |> Seq.map Effect.toResult |> List.ofSeq })
            )
        )

    /// Runs the children in parallel with no fail-fast, like `Promise.allSettled`: every child runs to its end and
    /// the result is every outcome in child order. Fails only when cancelled before every child settled (G7).
    let settle (children: seq<Child<'T>>) : Child<Result<'T, LanguageExt.Common.Error> list> =
        settleWith GroupOptions.Default children

    /// `validate` with `options`.
    let validateWith (options: GroupOptions) (children: seq<Child<'T>>) : Child<'T list> =
        let engine = GroupOptions.toEngine options
        listOf (FunctionalGroups.Group.Validate<Runtime, Slot<'T>>(effects children :> seq<_>, engine))

    /// Runs the children in parallel with no fail-fast, like FsToolkit's `validation { }` with a join: every value in
    /// child order, or a `GroupError` of every failure (each once, in child order).
    let validate (children: seq<Child<'T>>) : Child<'T list> = validateWith GroupOptions.Default children

    /// `race` with `options`.
    let raceWith (options: GroupOptions) (children: seq<Child<'T>>) : Child<'T> =
        let engine = GroupOptions.toEngine options
        Closed(FunctionalGroups.Group.Race<Runtime, Slot<'T>>(effects children :> seq<_>, engine))

    /// Runs the children in parallel; the first success wins, like `Async.Choice`, and the others are cancelled and
    /// joined before it is given (G1). If none succeeds: a `GroupError` of every failure.
    /// <exception cref="System.ArgumentException">`children` is empty: a race needs a runner.</exception>
    let race (children: seq<Child<'T>>) : Child<'T> = raceWith GroupOptions.Default children

    /// `traverse` with `options`: with `MaxParallelism = Some 16`, only 16 children exist at once.
    let traverseWith (options: GroupOptions) (f: 'T -> Child<'U>) (items: seq<'T>) : Child<'U list> =
        let engine = GroupOptions.toEngine options

        if isNull (box items) then nullArg (nameof items)
        let child = Func<'T, Eff<'U>>(fun item -> Child.effect (f item))
        listOf (FunctionalGroups.Group.Traverse<Runtime, 'T, Slot<'U>>(items, child, engine))

    /// `all` over `items |> Seq.map f`, streaming: a child is made only when it starts, and a failure stops the feed.
    /// <example><code>urls |> Group.traverse (fun url -> Child.ofTask (fun ct -> fetch url ct))</code></example>
    let traverse (f: 'T -> Child<'U>) (items: seq<'T>) : Child<'U list> = traverseWith GroupOptions.Default f items

    /// `scope` with `options`: a limit on spawned children running at once (the rest wait in spawn order), a timeout.
    let scopeWith (options: GroupOptions) (body: Scope<'R> -> Child<'R>) : Child<'R> =
        let engine = GroupOptions.toEngine options

        let body =
            Func<FunctionalGroups.GroupScope<Runtime, Slot<'R>>, Eff<'R>>(fun scope -> Child.effect (body (Scope scope)))

        Closed(FunctionalGroups.Group.Scope<Runtime, Slot<'R>>(body, engine))

    /// A group with spawning, like `async with TaskGroup() as tg`: the body receives a scope, spawns children into it
    /// (which may spawn more), and the group ends when the body and every child have ended (G1). The body is a member:
    /// its failure cancels the children, and a child's failure cancels it. The value is the body's.
    /// <example><code>
    /// Group.scope (fun scope -> par {
    ///     let! users = Group.spawn scope (countUsers |> Child.named "users")
    ///     let! orders = Group.spawn scope (countOrders |> Child.named "orders")
    ///     let! u = Group.join users
    ///     let! o = Group.join orders
    ///     return u + o })
    /// </code></example>
    let scope (body: Scope<'R> -> Child<'R>) : Child<'R> = scopeWith GroupOptions.Default body

    /// Starts `child` in the scope and gives its handle, like `tg.create_task`. Once the scope is shutting down the
    /// child is not started and the spawn fails with `SpawnRefusedError` (G9); a spawn racing with a failure is still
    /// cancelled and joined.
    let spawn (scope: Scope<'R>) (child: Child<'T>) : Child<Handle<'T>> =
        Closed(
            LanguageExt.AffExtensions.Map(
                scope.Inner.Spawn(Child.effect child, null),
                Func<FunctionalGroups.ChildHandle<Runtime, Slot<'T>>, Slot<Handle<'T>>>(fun handle ->
                    { Value = Handle handle })
            )
        )

    /// Waits for a spawned child and gives its value, or fails with its failure (the scope reports it once).
    /// Cancelling the joiner stops the waiting, not the child.
    let join (handle: Handle<'T>) : Child<'T> = Closed handle.Inner.Join

    /// A spawned child's outcome once it has ended (always, after its scope ended); `None` while it runs.
    let result (handle: Handle<'T>) : Result<'T, LanguageExt.Common.Error> option =
        handle.Inner.Result |> Lx.toOption |> Option.map Effect.toResult

    /// Cancels every child and the body; the scope ends with no error (G10), with the body's value if it produced one,
    /// otherwise `value`. Calling it again changes nothing.
    let cancel (scope: Scope<'R>) (value: 'R) : Child<unit> =
        Closed(
            LanguageExt.AffExtensions.Map(
                scope.Inner.Cancel { Value = value },
                Func<LanguageExt.Unit, Slot<unit>>(fun _ -> { Value = () })
            )
        )

    /// `except*`: the failures `filter` takes, seeing through names and nesting, go to `handler`; the rest stay
    /// failing, nesting kept (G11). Every failure taken: the handler's value is the result. Some taken: the handler
    /// runs on them and the child still fails with the rest. Only a `GroupError` is split: a cancellation passes.
    /// <example><code>
    /// fetchAll
    /// |> Group.catching On.exn&lt;HttpRequestException&gt; (fun connectionErrors -> cached)
    /// |> Group.catching On.any (fun others -> empty)
    /// </code></example>
    let catching (filter: ErrorFilter) (handler: GroupError -> 'T) (child: Child<'T>) : Child<'T> =
        let handle = Func<GroupError, Slot<'T>>(fun group -> { Value = handler group })
        Closed(FunctionalGroups.CatchingExtensions.Catching<Runtime, Slot<'T>>(Child.effect child, filter, handle))

    /// `catching` with a handler that is itself a child (it may fail; its failure joins the rest).
    let catchingWith (filter: ErrorFilter) (handler: GroupError -> Child<'T>) (child: Child<'T>) : Child<'T> =
        let handle = Func<GroupError, Eff<'T>>(fun group -> Child.effect (handler group))
        Closed(FunctionalGroups.CatchingExtensions.Catching<Runtime, Slot<'T>>(Child.effect child, filter, handle))

    /// Runs the child (a group, usually) under the calling Async's cancellation token, and waits for it to end.
    /// <list type="bullet">
    /// <item>`Ok value`, or `Error group` with every real failure. A failure that is not a group's (a lone child's, a
    /// group's timeout alone) comes as a group of one entry (G4).</item>
    /// <item>Cancelling the calling Async cancels the group; the Async ends, as F# cancellation does, only after
    /// every child has ended (G1, G7). If a child failed for real meanwhile, that failure wins (G7): since F# would
    /// turn any value of a cancelled Async into its cancellation, the Async then raises a `GroupException` holding
    /// the `GroupError`.</item>
    /// </list>
    /// <example><code>
    /// let! result = Group.runAsync fetchAll
    /// </code></example>
    let runAsync (child: Child<'T>) : Async<Result<'T, GroupError>> = Run.runAsync child

    /// Runs the child with `cancellationToken`: the task completes after every child has ended, with `Ok value` or
    /// `Error group` (see `runAsync`). Cancelled from outside with no real failure: the task is cancelled; with a real
    /// failure: `Error group` (G7).
    /// <example><code>let! result = fetchAll |> Group.runTask ct</code></example>
    let runTask (cancellationToken: CancellationToken) (child: Child<'T>) : Task<Result<'T, GroupError>> =
        Run.runTask cancellationToken child

    /// Starts the child as a task with no token, like `Async.StartAsTask` with none: nothing outside cancels it, and
    /// the task completes after every child has ended, with `Ok value` or `Error group`. (`runTask ct` takes a token.)
    /// <example><code>let! result = fetchAll |> Group.startAsTask</code></example>
    let startAsTask (child: Child<'T>) : Task<Result<'T, GroupError>> = Run.runTask CancellationToken.None child

    // ---- Streaming (rules S1-S7): sources pulled as slots free up, results as they complete ----

    /// `traverseStream` with `options`: with `MaxParallelism = Some 16`, at most 16 items are pulled and unfinished.
    let traverseStreamWith (options: GroupOptions) (f: 'T -> Child<'U>) (source: seq<'T>) : Child<'U list> =
        let engine = GroupOptions.toEngine options
        if isNull (box source) then nullArg (nameof source)
        let child = Func<'T, Eff<'U>>(fun item -> Child.effect (f item))
        listOf (FunctionalGroups.Group.TraverseStream<Runtime, 'T, Slot<'U>>((source: IEnumerable<'T>), child, engine))

    /// `traverse` over a lazy or unbounded `seq`, pulled only as slots free up (S1): nothing is read when the child is
    /// built, each run enumerates the source again (G8), and after the first failure nothing more is pulled (S2). A
    /// source that throws fails the group with an entry named "source" (S3). Values in source order.
    /// <example><code>Seq.initInfinite id |> Seq.take 1_000_000 |> Group.traverseStreamWith options work</code></example>
    let traverseStream (f: 'T -> Child<'U>) (source: seq<'T>) : Child<'U list> =
        traverseStreamWith GroupOptions.Default f source

    /// `traverseAsyncStream` with `options`.
    let traverseAsyncStreamWith (options: GroupOptions) (f: 'T -> Child<'U>) (source: IAsyncEnumerable<'T>) : Child<'U list> =
        let engine = GroupOptions.toEngine options
        if isNull (box source) then nullArg (nameof source)
        let child = Func<'T, Eff<'U>>(fun item -> Child.effect (f item))
        listOf (FunctionalGroups.Group.TraverseStream<Runtime, 'T, Slot<'U>>(source, child, engine))

    /// `traverseStream` over an `IAsyncEnumerable` (a `taskSeq { }`, a C# async iterator, a channel's `ReadAllAsync`): one
    /// `MoveNextAsync` at a time, only when a slot is free; the source's enumerator gets the group's token.
    let traverseAsyncStream (f: 'T -> Child<'U>) (source: IAsyncEnumerable<'T>) : Child<'U list> =
        traverseAsyncStreamWith GroupOptions.Default f source

    /// Runs `f` over the items of `source` in parallel and gives the values in source order as they can be given
    /// (Akka's `mapAsync`): at most `window` items, the oldest not yet taken included, are pulled, running or waiting
    /// their turn (S1). Each enumeration is a group of its own (G8), cancelled by the enumerator's token; the first
    /// failure ends it, after every child ended, with a `GroupException` (S4); leaving early cancels and joins (S5).
    /// <example><code>
    /// let pages = urls |> Group.stream 32 options (fun url -> Child.ofTask (fetch url))
    /// // an IAsyncEnumerable: read it with FSharp.Control.TaskSeq, or with its enumerator
    /// </code></example>
    let stream (window: int) (options: GroupOptions) (f: 'T -> Child<'U>) (source: IAsyncEnumerable<'T>) : IAsyncEnumerable<'U> =
        let engine = GroupOptions.toEngine options
        let child = Func<'T, Eff<'U>>(fun item -> Child.effect (f item))
        FunctionalGroups.Group.Stream<'T, Slot<'U>>(source, child, window, engine)
        |> AsyncStream.map (fun slot -> slot.Value)

    /// Runs `f` over the items of `source` in parallel and gives each value with its item's position as soon as it is
    /// ready (Akka's `mapAsyncUnordered`). An item holds a slot of `options.MaxParallelism` (required) from its pull
    /// until its value was taken, so a slow consumer holds back the source (S1). Otherwise as `stream`.
    let streamUnordered (options: GroupOptions) (f: 'T -> Child<'U>) (source: IAsyncEnumerable<'T>) : IAsyncEnumerable<Completed<'U>> =
        let engine = GroupOptions.toEngine options
        let child = Func<'T, Eff<'U>>(fun item -> Child.effect (f item))
        FunctionalGroups.Group.StreamUnordered<'T, Slot<'U>>(source, child, engine)
        |> AsyncStream.map (fun done' -> Completed<'U>(done'.Index, done'.Name, done'.Value.Value))

    /// `asCompleted` with `options`.
    let asCompletedWith (options: GroupOptions) (children: seq<Child<'T>>) : IAsyncEnumerable<Completed<'T>> =
        let engine = GroupOptions.toEngine options
        FunctionalGroups.Group.AsCompleted<Slot<'T>>(effects children :> seq<_>, engine)
        |> AsyncStream.map (fun done' -> Completed<'T>(done'.Index, done'.Name, done'.Value.Value))

    /// Runs the children in parallel, as `all` does, and gives each value as soon as its child succeeds, with the
    /// child's position and name (`asyncio.as_completed`, `Task.WhenEach`), structured: the first failure cancels the
    /// rest and ends the enumeration, after every child ended, with a `GroupException` (S4); leaving early cancels and
    /// joins the children still running before `DisposeAsync` returns (S5).
    /// <example><code>
    /// let ready = Group.asCompleted [ fetch "a" |> Child.named "a"; fetch "b" |> Child.named "b" ]
    /// // Completed values as they come (done'.Index, done'.Name, done'.Value): read with TaskSeq or the enumerator
    /// </code></example>
    let asCompleted (children: seq<Child<'T>>) : IAsyncEnumerable<Completed<'T>> =
        asCompletedWith GroupOptions.Default children

    /// `settleAsCompleted` with `options`.
    let settleAsCompletedWith (options: GroupOptions) (children: seq<Child<'T>>) : IAsyncEnumerable<Completed<Result<'T, LanguageExt.Common.Error>>> =
        let engine = GroupOptions.toEngine options
        FunctionalGroups.Group.SettleAsCompleted<Slot<'T>>(effects children :> seq<_>, engine)
        |> AsyncStream.map (fun done' -> Completed<Result<'T, LanguageExt.Common.Error>>(done'.Index, done'.Name, Effect.toResult done'.Value))

    /// Runs the children in parallel with no fail-fast and gives every outcome, `Ok value` or `Error error`, as soon
    /// as its child ends (S6): a failure cancels no sibling, and the enumeration ends normally.
    let settleAsCompleted (children: seq<Child<'T>>) : IAsyncEnumerable<Completed<Result<'T, LanguageExt.Common.Error>>> =
        settleAsCompletedWith GroupOptions.Default children
