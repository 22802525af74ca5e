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
    /// One effect: a leaf, a closed group, a sequence.
    | Closed of Eff<'T>
    /// The sources of one `let! … and! …` in `par { }`, not yet closed into a group: a further `and!` joins the same
    /// group instead of nesting a new one.
    | Sources of Parts<'T>

/// Children of different types side by side, each boxed, and how to rebuild the tuple from their values.
and internal Parts<'T> =
    { Children: LanguageExt.Aff<FunctionalGroups.GroupRuntime, obj> list
      Count: int
      Build: obj array -> int -> 'T }

module internal Parts =
    let single (effect: Eff<'T>) : Parts<'T> =
        { Children = [ Effect.boxed effect ]
          Count = 1
          Build = fun values at -> (unbox<Slot<'T>> values[at]).Value }

    let pair (first: Parts<'A>) (second: Parts<'B>) : Parts<'A * 'B> =
        { Children = first.Children @ second.Children
          Count = first.Count + second.Count
          Build = fun values at -> first.Build values at, second.Build values (at + first.Count) }

    /// One group over every part: fail fast, join all, every failure (Group.All), the tuple rebuilt in order.
    let run (options: FunctionalGroups.GroupOptions) (parts: Parts<'T>) : Eff<'T> =
        let group = FunctionalGroups.Group.All<FunctionalGroups.GroupRuntime, obj>(parts.Children :> seq<_>, options)
        LanguageExt.AffExtensions.Map(
            group,
            Func<LanguageExt.Seq<obj>, Slot<'T>>(fun values -> { Value = parts.Build (Seq.toArray values) 0 }))

/// Making children from F# and .NET code, and combining them.
[<RequireQualifiedAccess>]
module Child =
    /// The effect of a child; the sources of an unclosed `and!` run as one group with `options`.
    let internal close (options: FunctionalGroups.GroupOptions) (child: Child<'T>) : Eff<'T> =
        match child with
        | Closed effect -> effect
        | Sources parts -> Parts.run options parts

    let internal effect (child: Child<'T>) : Eff<'T> = close FunctionalGroups.GroupOptions.Default child

    /// A child that runs `computation` with the group's token as its cancellation token: a failing sibling cancels it
    /// (rule G2) as F# cancels any Async, and the group waits until it has ended (G1). It starts on the starting
    /// thread, like `Async.StartImmediate`, up to its first asynchronous step.
    /// <para>F# decides what the Async ended with, and the group takes it as is: an exception it raises is a failure,
    /// even while it is being cancelled (G3); its cancellation is a cancellation; a value it returns once its token
    /// is cancelled is turned by F# into its cancellation. When F# itself notices the cancellation at one of its
    /// steps, it runs the `finally` blocks and drops an exception raised there (FSharp.Core reports only the
    /// cancellation): write a child whose cleanup can fail as a task (`ofTask`).</para>
    /// <example><code>Child.ofAsync (async { let! page = fetch url in return page.Length })</code></example>
    let ofAsync (computation: Async<'T>) : Child<'T> =
        Closed(
            Effect.ofFunc (fun runtime ->
                let ended = TaskCompletionSource<LanguageExt.Fin<Slot<'T>>>()
                Async.StartWithContinuations(
                    computation,
                    (fun value -> ended.SetResult(Effect.succeeded value)),
                    (fun error -> ended.SetResult(Effect.failed error)),
                    (fun cancelled -> ended.SetResult(Effect.failed cancelled)),
                    runtime.CancellationToken
                )
                ValueTask<_>(task = ended.Task))
        )

    /// A child that calls `start` with the group's token when the group starts it, and waits for the task: pass the
    /// token on, and a failing sibling cancels the work (rule G2). Every exception of the task is kept (G3).
    /// <example><code>Child.ofTask (fun ct -> http.GetStringAsync(url, ct))</code></example>
    let ofTask (start: CancellationToken -> Task<'T>) : Child<'T> =
        Closed(
            Effect.ofFunc (fun runtime ->
                let running = start runtime.CancellationToken

                if isNull (box running) then Tasks.returnedNull () else Tasks.outcome running)
        )

    /// `ofTask` for a task without a value (`Task.Delay`, say): the child gives `()`.
    /// <example><code>Child.ofUnitTask (fun ct -> Task.Delay(100, ct))</code></example>
    let ofUnitTask (start: CancellationToken -> Task) : Child<unit> =
        Closed(
            Effect.ofFunc (fun runtime ->
                let running = start runtime.CancellationToken

                if isNull (box running) then Tasks.returnedNull () else Tasks.unitOutcome running)
        )

    /// A child that succeeds with `value` (`()` and `None` included).
    let ofValue (value: 'T) : Child<'T> = Closed(Effect.succeed value)

    /// A child that fails with `error`.
    let fail (error: exn) : Child<'T> =
        if isNull (box error) then nullArg (nameof error)
        Closed(Effect.fail (LanguageExt.Common.Error.New error))

    /// A child that succeeds with the value of `Ok`, or fails with the exception of `Error`.
    let ofResult (result: Result<'T, exn>) : Child<'T> =
        match result with
        | Ok value -> ofValue value
        | Error error -> fail error

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

    /// A child made when it runs, not when it is built (rule G8).
    let internal delay (make: unit -> Child<'T>) : Child<'T> =
        Closed(Effect.ofFunc (fun runtime -> (effect (make ())).Run(runtime)))

    /// Two children side by side: the sources of one `let! … and! …`, not yet closed into a group.
    let internal merge (first: Child<'A>) (second: Child<'B>) : Child<'A * 'B> =
        let parts (child: Child<'X>) =
            match child with
            | Sources parts -> parts
            | Closed effect -> Parts.single effect

        Sources(Parts.pair (parts first) (parts second))
