using LanguageExt.Common;

namespace FunctionalGroups.Engine;

/// <summary>Rule G13: what counts as a cancellation rather than a failure; rule G18: deciding it ends for every value.</summary>
internal static class Cancellation
{
    /// <summary>
    /// How many times an error thrown as an exception and caught back is unwrapped. One hop is what
    /// <c>ThrowIfFail</c> then <c>Run</c> produce; LanguageExt's own self-converting values (<c>Errors.Bottom</c>, an
    /// <see cref="Exceptional"/> without an exception object) would go on for ever, and a few hops are plenty.
    /// </summary>
    const int MaxUnwraps = 4;

    /// <summary>
    /// True when <paramref name="error"/>, seen through names, is an <see cref="OperationCanceledException"/>
    /// (any token; <see cref="TaskCanceledException"/> included) or <see cref="Errors.Cancelled"/>. Never true for a
    /// <see cref="GroupError"/> or <see cref="ManyErrors"/> that merely contains one: a group that failed for real
    /// while being cancelled is a real failure. Callers add the other half of G13: the group's token was
    /// cancelled when the child ended.
    /// </summary>
    /// <remarks>
    /// G18: this ends for every <see cref="Error"/> value and never throws. It is a loop, not a recursion, and follows
    /// an error thrown as an exception and caught back (an <see cref="Exceptional"/> carrying an
    /// <see cref="ErrorException"/>) at most <see cref="MaxUnwraps"/> times: <c>Errors.Bottom</c> converts to a
    /// <c>BottomException</c> whose <c>ToError()</c> is <c>Errors.Bottom</c> again, and an <see cref="Exceptional"/>
    /// built without an exception (<c>new Exceptional(message, code)</c>, a deserialised one) converts to an
    /// <c>ExceptionalException</c> whose <c>ToError()</c> is an equal <see cref="Exceptional"/>. Neither is a
    /// cancellation. A user error whose members throw is a real failure.
    /// </remarks>
    public static bool IsCancellation(Error? error)
    {
        try
        {
            for (var unwraps = 0; error is not null; unwraps++)
            {
                var own = NamedError.Unnamed(error);
                switch (own)
                {
                    case GroupError or ManyErrors:
                        return false;
                    case Exceptional:
                        if (own.Is<OperationCanceledException>()) return true;
                        // An error thrown as an exception (ThrowIfFail) and caught back is judged as the error it carries.
                        if (unwraps == MaxUnwraps || own.ToException() is not ErrorException thrown) return false;
                        var carried = thrown.ToError();
                        // A value that converts back to itself carries nothing more.
                        if (ReferenceEquals(carried, own) || carried == own) return false;
                        error = carried;
                        break;
                    default:
                        return own.Is(Errors.Cancelled);
                }
            }
            return false;
        }
        catch (Exception)
        {
            // G18: classifying never throws; an error whose own members throw is a real failure.
            return false;
        }
    }
}
