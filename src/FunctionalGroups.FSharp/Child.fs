namespace FunctionalGroups.FSharp

open System
open System.Threading
open System.Threading.Tasks

/// A child: work that a group runs, as a value. Building it starts nothing (rule G8); each run starts it afresh. Made
/// from an F# `Async`, a task function that takes the group's token, or a value; a group is itself a child, so groups
/// nest. Run one with `Group.runAsync` or `Group.runTask`.
/// <example><code>
/// let accounts = Child.ofTask (fun ct -> api.FetchAccounts ct) |> Child.named "accounts"
/// let budgets = Child.ofAsync (fetchBudgets ()) |> Child.named "budgets"
/// </code></example>
[<NoEquality; NoComparison>]
type Child<'T> =
    internal
    /// One effect: a closed group, a sequence, a mapped or named child.
    | Closed of Eff<'T>
    /// A child lifted from an Async or a task function: the engine starts it itself (its lifted-child fast path).
    | Lift of Lifted<'T>
    /// The sources of one `let! … and! …` in `par { }`, not yet closed into a group: a further `and!` joins the same
    /// group instead of nesting a new one.
    | Sources of Parts<'T>

/// The sources of one `let! … and! …`: a tree of pairs over boxed children (each boxed in its `Slot`). Building the
/// group flattens the tree once into one array of children (no list appends), and reads the tuple back by index.
and [<AbstractClass>] internal Parts<'T>(count: int) =
    /// The number of sources under this node.
    member _.Count = count

    /// Writes this node's children into `children` from `at` on.
    abstract Fill: children: LanguageExt.Aff<FunctionalGroups.GroupRuntime, obj> array * at: int -> unit

    /// Rebuilds this node's value from the group's values, read from `at` on.
    abstract Build: values: LanguageExt.Seq<obj> * at: int -> 'T

[<Sealed>]
type internal SinglePart<'T>(child: LanguageExt.Aff<FunctionalGroups.GroupRuntime, obj>) =
    inherit Parts<'T>(1)
    override _.Fill(children, at) = children[at] <- child
    override _.Build(values, at) = (unbox<Slot<'T>> values[at]).Value

[<Sealed>]
type internal PairPart<'A, 'B>(first: Parts<'A>, second: Parts<'B>) =
    inherit Parts<'A * 'B>(first.Count + second.Count)

    override _.Fill(children, at) =
        first.Fill(children, at)
        second.Fill(children, at + first.Count)

    override _.Build(values, at) = first.Build(values, at), second.Build(values, at + first.Count)

module internal Parts =
    /// One source. A lifted child stays on the engine's fast path (boxed by its own start); any other effect is
    /// boxed by a map.
    let single (child: Child<'T>) : Parts<'T> =
        match child with
        | Sources parts -> parts
        | Lift lifted -> SinglePart(BoxedLifted(lifted).ToAff())
        | Closed effect -> SinglePart(Effect.boxed effect)

    /// One group over every part: fail fast, join all, every failure (Group.All), the tuple rebuilt in order and
    /// given to `f` (`BindReturn`'s map, in the same step).
    let run (options: FunctionalGroups.GroupOptions) (parts: Parts<'T>) (f: 'T -> 'U) : Eff<'U> =
        let children = Array.zeroCreate parts.Count
        parts.Fill(children, 0)
        let group = FunctionalGroups.Group.All<FunctionalGroups.GroupRuntime, obj>(children :> seq<_>, options)
        LanguageExt.AffExtensions.Map(group, Func<LanguageExt.Seq<obj>, Slot<'U>>(fun values -> { Value = f (parts.Build(values, 0)) }))

/// Making children from F# and .NET code, and combining them.
[<RequireQualifiedAccess>]
module Child =
    /// The effect of a child; the sources of an unclosed `and!` run as one group with `options`.
    let internal close (options: FunctionalGroups.GroupOptions) (child: Child<'T>) : Eff<'T> =
        match child with
        | Closed effect -> effect
        | Lift lifted -> lifted.ToAff()
        | Sources parts -> Parts.run options parts id

    let internal effect (child: Child<'T>) : Eff<'T> = close FunctionalGroups.GroupOptions.Default child

    /// A child that runs `computation` with the group's token as its cancellation token: a failing sibling cancels it
    /// (rule G2) as F# cancels any Async, and the group waits until it has ended (G1). It starts on the starting
    /// thread, like `Async.StartImmediate`, up to its first asynchronous step.
    /// <para>F# decides what the Async ended with, and the group takes it as is: an exception it raises is a failure,
    /// even while it is being cancelled (G3); its cancellation is a cancellation; a value it returns once its token
    /// is cancelled is turned by F# into its cancellation. When F# itself notices the cancellation at one of its
    /// steps, it runs the `finally` blocks and drops an exception raised there (FSharp.Core reports only the
    /// cancellation): write a child whose cleanup can fail as a task (`ofTask`).</para>
    /// <para>A group starts it itself, with no LanguageExt effect around it (like every child of `ofTask` and its kin).</para>
    /// <example><code>Child.ofAsync (async { let! page = fetch url in return page.Length })</code></example>
    let ofAsync (computation: Async<'T>) : Child<'T> = Lift(LiftedAsync computation)

    /// A child that calls `start` with the group's token when the group starts it, and waits for the task: pass the
    /// token on, and a failing sibling cancels the work (rule G2). Every exception of the task is kept (G3).
    /// <example><code>Child.ofTask (fun ct -> http.GetStringAsync(url, ct))</code></example>
    let ofTask (start: CancellationToken -> Task<'T>) : Child<'T> = Lift(LiftedTask start)

    /// `ofTask` for a task without a value (`Task.Delay`, say): the child gives `()`. (F# cannot give one function
    /// both forms; in `par { }`, `let!` and `do!` take either directly.)
    /// <example><code>Child.ofUnitTask (fun ct -> Task.Delay(100, ct))</code></example>
    let ofUnitTask (start: CancellationToken -> Task) : Child<unit> = Lift(LiftedUnitTask start)

    /// `ofTask` for a function that gives a `ValueTask` (C#'s `Child.FromValueTask`).
    /// <example><code>Child.ofValueTask (fun ct -> cache.GetAsync(key, ct))</code></example>
    let ofValueTask (start: CancellationToken -> ValueTask<'T>) : Child<'T> = Lift(LiftedValueTask start)

    /// `ofValueTask` for a `ValueTask` without a value: the child gives `()`.
    /// <example><code>Child.ofUnitValueTask (fun ct -> channel.Writer.WriteAsync(item, ct))</code></example>
    let ofUnitValueTask (start: CancellationToken -> ValueTask) : Child<unit> = Lift(LiftedUnitValueTask start)

    /// A child that succeeds with `value` (`()` and `None` included).
    let ofValue (value: 'T) : Child<'T> = Closed(Effect.succeed value)

    /// A child that fails with `error`.
    let fail (error: exn) : Child<'T> =
        if isNull (box error) then nullArg (nameof error)
        Closed(Effect.fail (LanguageExt.Common.Error.New error))

    /// A child that succeeds with the value of `Ok`, or fails with the value of `Error`: an exception or a LanguageExt
    /// `Error` as it is, any other value (a string, a domain error union) in a `ResultError<'E>`, which `except*`
    /// takes by its type (`On.resultError<'E>`).
    /// <example><code>Child.ofResult (Error(NotFound "user 7"))   // fails with ResultError&lt;DomainError&gt;</code></example>
    let ofResult (result: Result<'T, 'E>) : Child<'T> =
        match result with
        | Ok value -> ofValue value
        | Error error -> Closed(Effect.fail (ResultError.toError error))

    /// A child from a LanguageExt effect on the shipped runtime (interop with C#). Its value must not be null.
    let ofAff (effect: LanguageExt.Aff<FunctionalGroups.GroupRuntime, 'T>) : Child<'T> = Closed(Effect.ofAff effect)

    /// The child as a LanguageExt effect on the shipped runtime (interop with C#). LanguageExt holds no null, so a
    /// child whose value is null at run time (`()`, `None`) fails there with `ValueIsNullException`; map it first.
    let toAff (child: Child<'T>) : LanguageExt.Aff<FunctionalGroups.GroupRuntime, 'T> =
        LanguageExt.AffExtensions.Map(effect child, Func<Slot<'T>, 'T>(fun slot -> slot.Value))

    /// Names a child, like `tg.create_task(..., name="accounts")`: its failure becomes a `NamedError` around the
    /// child's own error, which every matcher still sees through (rule G4), and the name shows in the tree.
    /// <exception cref="System.ArgumentException">`name` is null or blank.</exception>
    let named (name: string) (child: Child<'T>) : Child<'T> =
        Closed(FunctionalGroups.NamedExtensions.Named(effect child, name))

    /// Maps the child's value.
    let map (f: 'T -> 'U) (child: Child<'T>) : Child<'U> = Closed(Effect.map f (effect child))

    /// Runs the child, then the child `f` makes from its value: in sequence, not in parallel.
    let bind (f: 'T -> Child<'U>) (child: Child<'T>) : Child<'U> =
        Closed(Effect.bind (fun value -> effect (f value)) (effect child))

    /// Runs the child with a deadline `duration` from its start, measured on `clock` (Trio's `fail_after`, Kotlin's
    /// `withTimeout`): when it passes, the child's token is cancelled and this waits for the child to end (rule C1);
    /// if it then ended in a cancellation, it fails with LanguageExt's `Errors.TimedOut` (C2). A value or a real failure
    /// of the child is its outcome, also after the deadline. An inner deadline never extends an outer one (C3).
    /// <example><code>Child.ofTask fetch |> Child.timeoutOn clock (TimeSpan.FromSeconds 2.)</code></example>
    /// <exception cref="System.ArgumentOutOfRangeException">`duration` is negative, infinite, or longer than
    /// `GroupOptions.MaxTimeout`.</exception>
    let timeoutOn (clock: TimeProvider) (duration: TimeSpan) (child: Child<'T>) : Child<'T> =
        Closed(FunctionalGroups.CancelScope.FailAfter(effect child, duration, clock))

    /// `timeoutOn` on the system clock.
    /// <example><code>Child.ofTask fetch |> Child.timeout (TimeSpan.FromSeconds 2.)</code></example>
    let timeout (duration: TimeSpan) (child: Child<'T>) : Child<'T> = timeoutOn TimeProvider.System duration child

    /// `timeoutOn` that gives `None` when the deadline cancelled the child, and `Some` of its value otherwise (Trio's
    /// `move_on_after`, Kotlin's `withTimeoutOrNull`), after the child has ended (rule C1). A real failure stays a
    /// failure; an outer scope's cancellation stays a cancellation (C3).
    /// <example><code>Child.ofTask fetchCached |> Child.moveOnAfterOn clock (TimeSpan.FromMilliseconds 50.)</code></example>
    let moveOnAfterOn (clock: TimeProvider) (duration: TimeSpan) (child: Child<'T>) : Child<'T option> =
        let moved = FunctionalGroups.CancelScope.MoveOnAfter(effect child, duration, clock)
        let read =
            Func<LanguageExt.Option<Slot<'T>>, Slot<'T option>>(fun option ->
                // Not `Match`: LanguageExt refuses a null result, and F#'s `None` is null at run time.
                match option.Case with
                | :? Slot<'T> as slot -> { Value = Some slot.Value }
                | _ -> { Value = None })
        Closed(LanguageExt.AffExtensions.Map(moved, read))

    /// `moveOnAfterOn` on the system clock.
    let moveOnAfter (duration: TimeSpan) (child: Child<'T>) : Child<'T option> =
        moveOnAfterOn TimeProvider.System duration child

    /// Runs the child under a token that no cancellation of its group reaches (Trio's `shield=True`, Kotlin's
    /// `withContext(NonCancellable)`), for cleanup that must finish; the group still waits for it (rules G1, C4). Its
    /// failure is a real failure of the group (G3), and so is a cancellation coming out of it. Bound it with a deadline
    /// inside: `cleanup |> Child.timeout d |> Child.shield`.
    let shield (child: Child<'T>) : Child<'T> = Closed(FunctionalGroups.CancelScope.Shield(effect child))

    /// A child made when it runs, not when it is built (rule G8).
    /// The made child's function is called directly (not through `Aff.Run`, which adds an async state machine per
    /// run): whoever runs this effect already turns its exceptions and faults into failures, as the engine does.
    let internal delay (make: unit -> Child<'T>) : Child<'T> =
        Closed(
            Effect.ofFunc (fun runtime ->
                let mutable made = effect (make ())

                if FunctionalGroups.Engine.AffThunk<FunctionalGroups.GroupRuntime, Slot<'T>>.Available then
                    match FunctionalGroups.Engine.AffThunk<FunctionalGroups.GroupRuntime, Slot<'T>>.Of(&made) with
                    | null -> ValueTask<_>(LanguageExt.Fin<Slot<'T>>.Fail LanguageExt.Common.Errors.Bottom)
                    | run -> run.Invoke runtime
                else
                    made.Run(runtime))
        )

    /// Two children side by side: the sources of one `let! … and! …`, not yet closed into a group.
    let internal merge (first: Child<'A>) (second: Child<'B>) : Child<'A * 'B> =
        Sources(PairPart(Parts.single first, Parts.single second))
