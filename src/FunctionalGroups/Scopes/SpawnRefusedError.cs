using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>
/// Why <see cref="GroupScope{RT, R}.Spawn{A}(LanguageExt.Aff{RT, A}, string?)"/> did not start a child (rule G9).
/// </summary>
/// <remarks>
/// <see cref="ShuttingDown"/> carries the code of <see cref="Errors.Cancelled"/>: a member that fails only because
/// its spawn was refused while the group shuts down is cancelled, not failing, so the group does not report it
/// (G13). <see cref="Finished"/> is a programming error (a scope used after it ended) and is reported.
/// </remarks>
public sealed record SpawnRefusedError : Expected
{
    /// <summary>The <see cref="Error.Code"/> of <see cref="Finished"/>.</summary>
    public const int FinishedCode = GroupError.GroupErrorCode + 1;

    SpawnRefusedError(string message, int code, bool isShuttingDown) : base(message, code) =>
        IsShuttingDown = isShuttingDown;

    /// <summary>The message, as for LanguageExt's own errors.</summary>
    public override string ToString() => Message;

    /// <summary>True when the group was shutting down; false when it had finished.</summary>
    public bool IsShuttingDown { get; }

    /// <summary>The group is shutting down (a member failed, or the group was cancelled): the child was not started.</summary>
    public static SpawnRefusedError ShuttingDown { get; } = new(
        "The group is shutting down (a member failed, or the group was cancelled): the child was not started.",
        Errors.CancelledCode, true);

    /// <summary>The group has finished: every member had ended, so nothing could join it.</summary>
    public static SpawnRefusedError Finished { get; } = new(
        "The group has finished: every member had ended, so the child was not started. Spawn from the scope's body or from a running child; a scope cannot be used after it ended.",
        FinishedCode, false);
}
