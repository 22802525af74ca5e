using LanguageExt;

namespace FunctionalGroups;

/// <summary>What made a group cancel its children: the first cancel wins, later ones change nothing.</summary>
public enum CancelReason
{
    /// <summary>A child's real failure shut the group down (fail fast, G2).</summary>
    Failure = 1,

    /// <summary>The caller's token (the parent runtime's) was cancelled.</summary>
    Parent,

    /// <summary>The group's <see cref="GroupOptions.Timeout"/> expired.</summary>
    Timeout,

    /// <summary>A scope's <c>Cancel</c> (rule G10).</summary>
    Explicit,

    /// <summary>A race was won: the other children were cancelled.</summary>
    RaceWon,

    /// <summary>A child cancelled the group's runtime itself (the token source it was given).</summary>
    Runtime,
}

/// <summary>One child that a group cancelled: it ended cancelled, or it never started.</summary>
/// <param name="Index">The child's position (a scope: its spawn index).</param>
/// <param name="Name">Its name, when it was given one.</param>
/// <param name="Started">False when the cancel came before the child's turn to start (under a limit, or a scope's
/// spawn that was queued).</param>
public readonly record struct CancelledChild(int Index, string? Name, bool Started)
{
    /// <summary><c>'accounts' (#2)</c>, or <c>#2</c> for a child with no name.</summary>
    public override string ToString() => Name is null ? $"#{Index}" : $"'{Name}' (#{Index})";
}

/// <summary>
/// Who a group cancelled and why: kept with its <see cref="GroupError"/> (<see cref="GroupError.Cancellation"/>), never
/// counted among its failures (rules G3 and G4: entries are failures only). Which siblings were still running when the
/// cancel came depends on timing, so this is left out of the error's equality (G5).
/// </summary>
/// <example>
/// <code>
/// if (error is GroupError { Cancellation: { } c })
///     Console.WriteLine($"cancelled {string.Join(", ", c.Children)} after {c.Describe()}");
/// // cancelled 'pricing' (#1), 'stock' (#2) after the failure of 'accounts' (#0)
/// </code>
/// </example>
public sealed record GroupCancellation
{
    internal GroupCancellation(CancelReason reason, CancelledChild? failed, Seq<CancelledChild> children)
    {
        Reason = reason;
        FailedChild = failed;
        Children = children;
    }

    /// <summary>What made the group cancel.</summary>
    public CancelReason Reason { get; }

    /// <summary>For <see cref="CancelReason.Failure"/>: the child whose failure shut the group down (its
    /// <see cref="CancelledChild.Started"/> is true; it is not itself cancelled). Null for other reasons, and when the
    /// failure belonged to no child (a cancellation callback that threw).</summary>
    public CancelledChild? FailedChild { get; }

    /// <summary>The children that ended cancelled or never started, in child order.</summary>
    public Seq<CancelledChild> Children { get; }

    /// <summary>The reason in words: <c>the failure of 'accounts' (#0)</c>, <c>the parent's cancel</c>, <c>the
    /// group's timeout</c>, <c>an explicit cancel</c>, <c>the race's winner</c>, <c>a cancel of the group's runtime</c>.</summary>
    public string Describe() => Reason switch
    {
        CancelReason.Failure => FailedChild is { } failed ? $"the failure of {failed}" : "a failure",
        CancelReason.Parent => "the parent's cancel",
        CancelReason.Timeout => "the group's timeout",
        CancelReason.Explicit => "an explicit cancel",
        CancelReason.RaceWon => "the race's winner",
        _ => "a cancel of the group's runtime",
    };

    /// <summary>One line: <c>cancelled 2 (#1, 'stock' (#2)) after the failure of 'accounts' (#0)</c>.</summary>
    public override string ToString()
    {
        const int shown = 15;
        var names = string.Join(", ", Children.Take(shown));
        var more = Children.Count > shown ? $", and {Children.Count - shown} more" : "";
        return $"cancelled {Children.Count} ({names}{more}) after {Describe()}";
    }
}
