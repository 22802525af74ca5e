namespace FunctionalGroups.FSharp

open System

/// How a group runs. Immutable: derive variants with `{ GroupOptions.Default with … }`; checked when the group is
/// built (rule G12).
/// <example><code>
/// let options = { GroupOptions.Default with MaxParallelism = Some 16; Timeout = Some (TimeSpan.FromSeconds 5.0) }
/// let fetched = urls |> Group.traverseWith options fetch
/// </code></example>
type GroupOptions =
    {
        /// At most this many children run at once; the others start in order as slots free up, and none starts once
        /// the group is shutting down. `None`: no limit. A limit below 1 is refused.
        MaxParallelism: int option

        /// A time limit for the whole group, measured on `TimeProvider`. On expiry every child is cancelled and
        /// joined (rule G1); the group fails with `Errors.TimedOut` (with the real failures, if any). Never negative, and at
        /// most `FunctionalGroups.GroupOptions.MaxTimeout` (about 49.7 days): refused when the group is built.
        Timeout: TimeSpan option

        /// The clock of `Timeout`: `TimeProvider.System`, or a fake one in tests.
        TimeProvider: TimeProvider

        /// Start every child on the thread pool instead of on the starting thread: for children with a long
        /// synchronous start, so that they really run side by side.
        StartOnThreadPool: bool
    }

    /// No limit, no timeout, children start on the starting thread.
    static member Default =
        { MaxParallelism = None
          Timeout = None
          TimeProvider = TimeProvider.System
          StartOnThreadPool = false }

module internal GroupOptions =
    /// The engine's options; invalid values are refused with an `ArgumentException` (rule G12).
    let toEngine (options: GroupOptions) : FunctionalGroups.GroupOptions =
        match options.MaxParallelism with
        | Some limit when limit < 1 ->
            invalidArg (nameof options.MaxParallelism) $"A parallelism limit is at least 1 (None for no limit), not {limit}."
        | _ -> ()

        if options = GroupOptions.Default then
            FunctionalGroups.GroupOptions.Default
        else
            FunctionalGroups.GroupOptions(
                MaxParallelism = Option.toNullable options.MaxParallelism,
                Timeout = Option.toNullable options.Timeout,
                TimeProvider = options.TimeProvider,
                StartOnThreadPool = options.StartOnThreadPool
            )
