using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>
/// The failures a fault injects, in each <see cref="FailureForm"/>, and what the laws compare them by
/// (<see cref="Identity"/>): shared by plan leaves and injected calls.
/// </summary>
internal static class Failures
{
    /// <summary>The code of an injected <see cref="Exceptional"/> without an exception.</summary>
    public const int ExceptionalCode = InjectedError.InjectedCode + 1;

    /// <summary>The failure of <paramref name="member"/> in <paramref name="form"/>: the value to fail with (null when it
    /// is thrown) and its identity as <see cref="Identity"/> will see it in the outcome.</summary>
    public static (Error? Value, Exception? Thrown, object Identity) Make(FailureForm form, long run, int member, string kind)
    {
        switch (form)
        {
            case FailureForm.Thrown:
                var thrown = new InjectedException(run, member, kind);
                return (null, thrown, thrown);
            case FailureForm.Bottom:
                return (Errors.Bottom, null, Identity(Errors.Bottom));
            case FailureForm.ExceptionalWithoutException:
                var exceptional = new Exceptional($"injected exceptional error of {kind} #{member} (run {run})", ExceptionalCode);
                return (exceptional, null, Identity(exceptional));
            case FailureForm.SharedError:
                return (InjectedError.Shared, null, InjectedError.Shared);
            default:
                var error = new InjectedError(run, member, kind);
                return (error, null, error);
        }
    }

    /// <summary>What a reported failure is, for comparing with what was injected: names seen through, an exceptional
    /// error by its exception when it holds one (the same instance at every call), otherwise the error value itself.</summary>
    public static object Identity(Error error)
    {
        var own = NamedError.Unnamed(error);
        if (own is not Exceptional exceptional) return own;
        var exception = exceptional.ToException();
        // Typed as object: LanguageExt converts an Error to an Exception implicitly (a fresh one, for this kind).
        return ReferenceEquals(exception, exceptional.ToException()) ? exception : (object)exceptional;
    }

    /// <summary>Fails with <paramref name="failure"/>: returns its value, or throws it.</summary>
    public static Fin<A> Raise<A>((Error? Value, Exception? Thrown, object Identity) failure) =>
        failure.Thrown is { } thrown ? throw thrown : Fin<A>.Fail(failure.Value!);
}
