using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace FunctionalGroups;

public sealed partial record GroupError
{
    /// <summary>
    /// Splits the group in two, like Python's <c>ExceptionGroup.split</c>: the leaves for which
    /// <paramref name="predicate"/> holds, and the rest. Both parts keep the nesting and the names of the
    /// original and its <see cref="Total"/>; a part with no leaf is <c>None</c>.
    /// </summary>
    /// <param name="predicate">Sees each leaf's own error, with names stripped (match names with
    /// <see cref="On.Named(string)"/> and <see cref="Split(ErrorFilter)"/>).</param>
    /// <example>
    /// <code>
    /// var (timeouts, rest) = group.Split(e => e.Is&lt;TimeoutException&gt;());
    /// </code>
    /// </example>
    public (Option<GroupError> Matched, Option<GroupError> Unmatched) Split(Func<Error, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Split(this, e => predicate(NamedError.Unnamed(e)), null);
    }

    /// <summary>Splits the group by a filter (<see cref="On"/>); see <see cref="Split(Func{Error, bool})"/>.
    /// The filter sees each leaf wrapped in every name on its path, so <see cref="On.Named(string)"/> can take
    /// the whole of a named nested group.</summary>
    public (Option<GroupError> Matched, Option<GroupError> Unmatched) Split(ErrorFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Split(this, filter.Matches, null);
    }

    // Recursion depth is the nesting depth of the tree; the guard turns a pathological depth into an
    // InsufficientExecutionStackException instead of a crash of the process.
    // `path` holds the names of the enclosing named groups, innermost first; the predicate sees a leaf
    // wrapped in them (they are views for matching only: the parts keep the original entries).
    static (Option<GroupError>, Option<GroupError>) Split(GroupError group, Func<Error, bool> predicate, Names? path)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var matched = new List<Error>();
        var unmatched = new List<Error>();
        foreach (var entry in group.Errors)
        {
            var (m, u) = SplitEntry(entry, entry, predicate, path);
            m.Iter(matched.Add);
            u.Iter(unmatched.Add);
        }
        return (Part(matched, group.Total), Part(unmatched, group.Total));
    }

    static (Option<Error>, Option<Error>) SplitEntry(Error whole, Error entry, Func<Error, bool> predicate, Names? path)
    {
        switch (entry)
        {
            case NamedError named:
                var (m, u) = SplitEntry(whole, named.Error, predicate, path);
                return (m.Map(e => (Error)(named with { Error = e })), u.Map(e => (Error)(named with { Error = e })));
            case GroupError nested:
                var (gm, gu) = Split(nested, predicate, Names.Of(whole, path));
                return (gm.Map(static g => (Error)g), gu.Map(static g => (Error)g));
            default:
                return predicate(Names.Wrap(whole, path)) ? (Some(entry), None) : (None, Some(entry));
        }
    }

    /// <summary>The names of the enclosing named groups, innermost first.</summary>
    sealed record Names(string Name, Names? Outer)
    {
        public static Names? Of(Error entry, Names? outer)
        {
            var path = outer;
            for (var e = entry; e is NamedError n; e = n.Error) path = new Names(n.Name, path);
            return path;
        }

        public static Error Wrap(Error leaf, Names? path)
        {
            for (var p = path; p is not null; p = p.Outer) leaf = new NamedError(p.Name, leaf);
            return leaf;
        }
    }

    static Option<GroupError> Part(List<Error> errors, int total) =>
        errors.Count == 0 ? None : Some(new GroupError(errors.ToSeq(), total));
}
