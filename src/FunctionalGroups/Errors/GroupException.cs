using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>
/// A <see cref="GroupError"/> as an exception, for code that throws (<c>ThrowIfFail</c>) or must hand an
/// exception to a non-functional API. It carries the group, so nothing is lost on the way back.
/// </summary>
public sealed class GroupException : ErrorException
{
    /// <summary>Wraps <paramref name="group"/>.</summary>
    public GroupException(GroupError group) : base(GroupError.GroupErrorCode) =>
        Group = group ?? throw new ArgumentNullException(nameof(group));

    /// <summary>The group this exception stands for.</summary>
    public GroupError Group { get; }

    /// <summary>The one-line message of the group ("2 of 3 tasks failed").</summary>
    public override string Message => Group.Message;

    /// <summary><see cref="GroupError.GroupErrorCode"/>.</summary>
    public override int Code => GroupError.GroupErrorCode;

    /// <summary>None: the failures are in <see cref="Group"/>.</summary>
    public override Option<ErrorException> Inner => Option<ErrorException>.None;

    /// <summary>The group itself.</summary>
    public override Error ToError() => Group;

    /// <inheritdoc />
    public override bool IsExceptional => Group.IsExceptional;

    /// <inheritdoc />
    public override bool IsExpected => Group.IsExpected;

    /// <summary>Appends as LanguageExt does: the two become a <see cref="ManyExceptions"/>.</summary>
    public override ErrorException Append(ErrorException error) =>
        new ManyExceptions(LanguageExt.Prelude.Seq<ErrorException>(this, error));

    /// <summary>The rendered tree (see <see cref="GroupError.ToString"/>).</summary>
    public override string ToString() => Group.ToString();
}
