using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>
/// The failure of a group: every real failure of its children, in the children's order.
/// The typed counterpart of Python's <c>ExceptionGroup</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Always a group</b> (G4): one failure still comes as a group with one entry, never unwrapped.</item>
/// <item><b>Deterministic order</b> (G5): entries are in child order, not completion order, so equal outcomes
/// give equal values; equality is structural over <see cref="Errors"/> and <see cref="Total"/>.</item>
/// <item><b>Nesting is kept</b> (G6): a failing nested group is one entry holding its own <see cref="GroupError"/>;
/// <see cref="Leaves"/> flattens explicitly.</item>
/// <item>An entry is the child's own <see cref="Error"/> instance, or a <see cref="NamedError"/> around it.</item>
/// </list>
/// Walking the tree (<see cref="Leaves"/>, <see cref="Is{E}"/>, equality, <see cref="ToString"/>) uses an explicit
/// stack, so a group nested 100,000 levels deep is as safe to inspect as a flat one (G14).
/// </remarks>
/// <example>
/// <code>
/// fin.IfFail(e =>
/// {
///     if (e is GroupError group)
///         foreach (var leaf in group.Leaves) Console.WriteLine(leaf.Message);
/// });
/// </code>
/// </example>
public sealed partial record GroupError : Error
{
    /// <summary>The <see cref="Code"/> of every group error; distinct from LanguageExt's own codes.</summary>
    public const int GroupErrorCode = 0x4647_0001;

    /// <summary>Builds a group error.</summary>
    /// <param name="errors">The failures, in child order; never empty.</param>
    /// <param name="total">How many children the group had (for the message "2 of 3 tasks failed").</param>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty, holds a null, or
    /// <paramref name="total"/> is smaller than the number of errors.</exception>
    public GroupError(Seq<Error> errors, int total)
    {
        if (errors.IsEmpty)
            throw new ArgumentException("A group error holds at least one failure (rule G4); an empty group did not fail.", nameof(errors));
        if (errors.Exists(static e => e is null))
            throw new ArgumentException("A group error cannot hold a null error.", nameof(errors));
        if (total < errors.Count)
            throw new ArgumentOutOfRangeException(nameof(total), total, $"A group of {total} children cannot have {errors.Count} failures.");
        Errors = errors;
        Total = total;
    }

    /// <summary>The failures of the group's children, in child order (nested groups are single entries).</summary>
    public Seq<Error> Errors { get; }

    /// <summary>How many children the group had.</summary>
    public int Total { get; }

    /// <summary>
    /// Which children the group cancelled and why (the first failure that shut it down, the parent, the timeout, an
    /// explicit cancel); null when it cancelled none. Not a failure: <see cref="Errors"/> and <see cref="Total"/> stay
    /// as they are, and equality leaves it out (which siblings were still running when the cancel came is timing).
    /// </summary>
    public GroupCancellation? Cancellation { get; init; }

    /// <summary><see cref="GroupErrorCode"/>.</summary>
    public override int Code => GroupErrorCode;

    /// <summary>One line: <c>"2 of 3 tasks failed"</c>.</summary>
    public override string Message =>
        Total == 1 ? "1 of 1 task failed" : $"{Errors.Count} of {Total} tasks failed";

    /// <summary>Every failure, with nested groups flattened, in depth-first child order; names are kept.</summary>
    public Seq<Error> Leaves => Walk.Leaves(this).ToSeq();

    /// <summary>True when any leaf's exception is an <typeparamref name="E"/>.</summary>
    public override bool Is<E>() => Walk.Leaves(this).Any(static e => e.Is<E>());

    /// <summary>True when <paramref name="error"/> is a group error too, or when any leaf <see cref="Error.Is(Error)"/> it.</summary>
    public override bool Is(Error error) =>
        NamedError.Unnamed(error) is GroupError || Walk.Leaves(this).Any(e => e.Is(error));

    /// <summary>True when any leaf is exceptional.</summary>
    public override bool IsExceptional => Walk.Leaves(this).Any(static e => e.IsExceptional);

    /// <summary>True when every leaf is expected.</summary>
    public override bool IsExpected => Walk.Leaves(this).All(static e => e.IsExpected);

    /// <summary>A <see cref="GroupException"/> that carries this group.</summary>
    public override Exception ToException() => new GroupException(this);

    /// <summary>A <see cref="GroupException"/> that carries this group.</summary>
    public override ErrorException ToErrorException() => new GroupException(this);

    /// <summary>Structural equality: same <see cref="Total"/> and equal entries in the same order, at every depth.</summary>
    public bool Equals(GroupError? other) => Walk.StructurallyEqual(this, other);

    /// <summary>A hash over the first level of the tree, consistent with <see cref="Equals(GroupError?)"/>.</summary>
    public override int GetHashCode() => Walk.ShallowHash(this);
}
