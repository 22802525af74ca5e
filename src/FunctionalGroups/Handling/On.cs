using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>
/// Filters for <c>except*</c>-style handling (<see cref="CatchingExtensions"/>) and
/// <see cref="GroupError.Split(ErrorFilter)"/>. Every filter looks through names and nesting.
/// </summary>
/// <example>
/// <code>
/// var handled = fetchAll
///     .Catching(On.Exception&lt;TimeoutException&gt;(), timeouts => Fallback(timeouts.Leaves.Count))
///     .Catching(On.Error&lt;Expected&gt;(), _ => Empty);
/// </code>
/// </example>
public static class On
{
    /// <summary>Failures whose exception is a <typeparamref name="TException"/> (subtypes included).</summary>
    public static ErrorFilter Exception<TException>() where TException : Exception =>
        new(static e => NamedError.Unnamed(e).Is<TException>(), $"exception {typeof(TException).Name}");

    /// <summary>Failures whose error value is a <typeparamref name="TError"/> (an <see cref="Error"/> subtype).</summary>
    public static ErrorFilter Error<TError>() where TError : Error =>
        new(static e => NamedError.Unnamed(e) is TError, $"error {typeof(TError).Name}");

    /// <summary>Failures that <see cref="LanguageExt.Common.Error.Is(LanguageExt.Common.Error)"/> the given error
    /// (by code, or by message when the code is 0), e.g. <c>On.Error(Errors.TimedOut)</c>.</summary>
    public static ErrorFilter Error(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(e => NamedError.Unnamed(e).Is(error), $"error {error.Message}");
    }

    /// <summary>Failures for which <paramref name="predicate"/> holds; it sees the child's own error.</summary>
    public static ErrorFilter Where(Func<Error, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(e => predicate(NamedError.Unnamed(e)), "predicate");
    }

    /// <summary>Failures of the child named <paramref name="name"/> (any of the names around the failure).</summary>
    public static ErrorFilter Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(e =>
        {
            for (var x = e; x is NamedError n; x = n.Error)
                if (n.Name == name) return true;
            return false;
        }, $"child named {name}");
    }
}
