using LanguageExt.Common;

namespace FunctionalGroups.Engine;

/// <summary>Rule G13: what counts as a cancellation rather than a failure.</summary>
internal static class Cancellation
{
    /// <summary>
    /// True when <paramref name="error"/>, seen through names, is an <see cref="OperationCanceledException"/>
    /// (any token; <see cref="TaskCanceledException"/> included) or <see cref="Errors.Cancelled"/>. Never true for a
    /// <see cref="GroupError"/> or <see cref="ManyErrors"/> that merely contains one: a group that failed for real
    /// while being cancelled is a real failure. Callers add the other half of G13: the group's token was
    /// cancelled when the child ended.
    /// </summary>
    public static bool IsCancellation(Error? error)
    {
        var own = error is null ? null : NamedError.Unnamed(error);
        return own switch
        {
            null or GroupError or ManyErrors => false,
            // An error thrown as an exception (ThrowIfFail) and caught back is judged as the error it carries.
            Exceptional when own.ToException() is ErrorException thrown => IsCancellation(thrown.ToError()),
            Exceptional => own.Is<OperationCanceledException>(),
            _ => own.Is(Errors.Cancelled),
        };
    }
}
