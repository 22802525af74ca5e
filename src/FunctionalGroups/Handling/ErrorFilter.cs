using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>
/// Which failures an <c>except*</c> handler takes. Made by <see cref="On"/>; combined with <see cref="Or"/>.
/// A filter is a value because C# cannot infer one type argument alone: <c>On.Exception&lt;T&gt;()</c> reads
/// where <c>aff.Catching&lt;RT, A, T&gt;(…)</c> would not.
/// </summary>
public sealed class ErrorFilter
{
    readonly Func<Error, bool> matches;
    readonly string description;

    internal ErrorFilter(Func<Error, bool> matches, string description)
    {
        this.matches = matches;
        this.description = description;
    }

    /// <summary>True when a leaf (names stripped, unless the filter is about names) matches.</summary>
    /// <remarks>Name-aware filters (<see cref="On.Named(string)"/>) receive the entry with its names; the others
    /// receive the child's own error.</remarks>
    public bool Matches(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return matches(error);
    }

    /// <summary>A filter that matches what either filter matches, like <c>except* (A, B)</c>.</summary>
    public ErrorFilter Or(ErrorFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ErrorFilter(e => Matches(e) || other.Matches(e), $"{description} or {other.description}");
    }

    /// <summary>What the filter matches, for messages and test output.</summary>
    public override string ToString() => description;
}
