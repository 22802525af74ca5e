using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>
/// A child's failure together with the name the child was given (<c>child.Named("accounts")</c>).
/// </summary>
/// <remarks>
/// A name is a label, never a disguise (rule G4): <see cref="Is{E}"/>, <see cref="Is(Error)"/>,
/// <see cref="Code"/>, <see cref="IsExceptional"/>, <see cref="ToException"/>, <see cref="GroupError.Split(Func{Error, bool})"/>
/// and the <c>except*</c> handlers all look through it to <see cref="Error"/>, the child's own instance.
/// </remarks>
/// <param name="Name">The child's name.</param>
/// <param name="Error">The child's own error, unchanged.</param>
public sealed record NamedError(string Name, Error Error) : Error
{
    /// <summary>The child's own error, unchanged.</summary>
    public Error Error { get; init; } = Error ?? throw new ArgumentNullException(nameof(Error));

    /// <summary>The child's name.</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>The name, then the child's message: <c>"accounts: API server unreachable"</c>.</summary>
    public override string Message => $"{Name}: {Error.Message}";

    /// <summary>The child's error code, so that code-based matching sees through the name.</summary>
    public override int Code => Error.Code;

    /// <summary>The child's own error.</summary>
    public override Option<Error> Inner => Error;

    /// <inheritdoc />
    public override bool Is<E>() => Error.Is<E>();

    /// <inheritdoc />
    public override bool Is(Error error) => Error.Is(Unnamed(error));

    /// <inheritdoc />
    public override bool IsExceptional => Error.IsExceptional;

    /// <inheritdoc />
    public override bool IsExpected => Error.IsExpected;

    /// <summary>The child's own exception (the name is not an exception of its own).</summary>
    public override Exception ToException() => Error.ToException();

    /// <inheritdoc />
    public override ErrorException ToErrorException() => Error.ToErrorException();

    /// <inheritdoc />
    public override string ToString() => Message;

    /// <summary>Strips every name around <paramref name="error"/>: the child's own error.</summary>
    public static Error Unnamed(Error error)
    {
        while (error is NamedError named) error = named.Error;
        return error;
    }
}
