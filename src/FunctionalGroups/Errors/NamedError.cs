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
/// <param name="Name">The child's name; not null or blank.</param>
/// <param name="Error">The child's own error, unchanged; not null.</param>
/// <exception cref="ArgumentNullException"><paramref name="Error"/> or <paramref name="Name"/> is null.</exception>
/// <exception cref="ArgumentException"><paramref name="Name"/> is blank.</exception>
public sealed record NamedError(string Name, Error Error) : Error
{
    // Checked in the init accessors, not only in the constructor: `with { Error = null }` sets a property without
    // running the constructor, and a named error must be well formed however it was made.
    readonly Error error = CheckedError(Error);
    readonly string name = CheckedName(Name);

    /// <summary>The child's own error, unchanged.</summary>
    /// <exception cref="ArgumentNullException">Set to null (in a <c>with</c> expression).</exception>
    public Error Error { get => error; init => error = CheckedError(value); }

    /// <summary>The child's name.</summary>
    /// <exception cref="ArgumentException">Set to null or blank (in a <c>with</c> expression).</exception>
    public string Name { get => name; init => name = CheckedName(value); }

    static Error CheckedError(Error error) => error ?? throw new ArgumentNullException(nameof(Error), "A named error names a child's error; it cannot be null.");

    static string CheckedName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(Name));
        return name;
    }

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
