namespace FunctionalGroups;

/// <summary>
/// Options for a group, validated when they are made (and so before the group is built). Immutable: derive variants
/// with <c>with</c>.
/// </summary>
/// <example>
/// <code>
/// var options = GroupOptions.Default with { MaxParallelism = 16, Timeout = TimeSpan.FromSeconds(5) };
/// var all = Group.All(children, options);
/// </code>
/// </example>
public sealed record GroupOptions
{
    readonly int? maxParallelism;
    readonly TimeSpan? timeout;
    readonly TimeProvider timeProvider = TimeProvider.System;

    /// <summary>The defaults: no parallelism limit, no timeout, children start on the starting thread.</summary>
    public static GroupOptions Default { get; } = new();

    /// <summary>
    /// Start every child on the thread pool instead of on the starting thread. By default an <c>Aff</c> child runs
    /// on the starting thread up to its first real await, as async methods do under <c>Task.WhenAll</c>; set this
    /// for children with long synchronous prefixes, so that they really run side by side. Each child still
    /// checks the group's token when its turn comes, and does not start once the group is cancelled.
    /// </summary>
    public bool StartOnThreadPool { get; init; }

    /// <summary>
    /// At most this many children run at once; <c>null</c>, the default, is no limit (G15: a limit is a positive number,
    /// and "no limit" is said without a magic value). The others start in argument or spawn order as slots free up,
    /// and none starts once the group is shutting down.
    /// </summary>
    /// <remarks>A child holds its slot while it waits in <see cref="ChildHandle{RT, A}.Join"/>: in a scope whose every
    /// slot is held by children joining siblings that still wait for a slot, nothing can move. Join from the body (it
    /// holds no slot), or give the limit room for the joiners.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Below 1.</exception>
    public int? MaxParallelism
    {
        get => maxParallelism;
        init => maxParallelism = value is null or >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxParallelism), value, "A parallelism limit is at least 1 (leave it null for none).");
    }

    /// <summary>The engine's reading of <see cref="MaxParallelism"/>: 0 for none.</summary>
    internal int Limit => maxParallelism ?? 0;

    /// <summary>
    /// The longest <see cref="Timeout"/> a timer can take: <see cref="ITimer"/> due times are limited to
    /// 4,294,967,294 ms (about 49.7 days).
    /// </summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>
    /// A time limit for the whole group, measured on <see cref="TimeProvider"/>. On expiry every child is cancelled and
    /// joined (G1); with no real failure the group fails with <c>Errors.TimedOut</c> alone, otherwise with a
    /// <see cref="GroupError"/> of the real failures and <c>Errors.TimedOut</c>. Unlike LanguageExt's
    /// <c>Aff.Timeout</c>, nothing is abandoned.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, infinite, or longer than <see cref="MaxTimeout"/>.</exception>
    public TimeSpan? Timeout
    {
        get => timeout;
        init => timeout = value is null || value.Value >= TimeSpan.Zero && value.Value <= MaxTimeout
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Timeout), value,
                $"A group timeout is zero or positive and at most {nameof(GroupOptions)}.{nameof(MaxTimeout)} (about 49.7 days; leave it null for none).");
    }

    /// <summary>The clock of <see cref="Timeout"/>: <see cref="TimeProvider.System"/> by default; a fake one in tests.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public TimeProvider TimeProvider
    {
        get => timeProvider;
        init => timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }
}
