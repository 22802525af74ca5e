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
        return Split(this, predicate, seesNames: false);
    }

    /// <summary>Splits the group by a filter (<see cref="On"/>); see <see cref="Split(Func{Error, bool})"/>.
    /// The filter sees each leaf wrapped in every name on its path, so <see cref="On.Named(string)"/> can take
    /// the whole of a named nested group.</summary>
    public (Option<GroupError> Matched, Option<GroupError> Unmatched) Split(ErrorFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Split(this, filter.Matches, seesNames: true);
    }

    // An explicit stack of open groups instead of recursion (G14): a tree 100,000 levels deep is split like a flat one.
    // A group's parts are built when its last entry has been seen, then added to its parent's parts, re-wrapped in
    // the names its entry had. `seesNames`: the predicate sees a leaf wrapped in the names of every enclosing named
    // group on its path (views for matching only: the parts keep the original entries); otherwise the bare leaf.
    static (Option<GroupError>, Option<GroupError>) Split(GroupError root, Func<Error, bool> predicate, bool seesNames)
    {
        var open = new Stack<Open>();
        open.Push(new Open(root, Entry: root, Path: null));
        while (true)
        {
            var group = open.Peek();
            if (group.Next < group.Group.Errors.Count)
            {
                var entry = group.Group.Errors[group.Next++];
                if (NamedError.Unnamed(entry) is GroupError nested)
                    open.Push(new Open(nested, entry, seesNames ? Names.Of(entry, group.Path) : null));
                else if (predicate(seesNames ? Names.Wrap(entry, group.Path) : NamedError.Unnamed(entry)))
                    group.Matched.Add(entry);
                else
                    group.Unmatched.Add(entry);
                continue;
            }
            open.Pop();
            var matched = Part(group.Matched, group.Group);
            var unmatched = Part(group.Unmatched, group.Group);
            if (open.Count == 0) return (matched, unmatched);
            var parent = open.Peek();
            matched.Iter(part => parent.Matched.Add(Names.Rewrap(group.Entry, part)));
            unmatched.Iter(part => parent.Unmatched.Add(Names.Rewrap(group.Entry, part)));
        }
    }

    /// <summary>A group being split: its entry in the parent (the group itself, or names around it), the names on
    /// its path, the next entry to look at and the parts so far.</summary>
    sealed record Open(GroupError Group, Error Entry, Names? Path)
    {
        public int Next { get; set; }
        public List<Error> Matched { get; } = [];
        public List<Error> Unmatched { get; } = [];
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

        /// <summary>A part of a nested group, in the names its <paramref name="entry"/> had (none for an unnamed one).</summary>
        public static Error Rewrap(Error entry, GroupError part)
        {
            var names = new List<NamedError>();
            for (var e = entry; e is NamedError n; e = n.Error) names.Add(n);
            Error wrapped = part;
            for (var i = names.Count - 1; i >= 0; i--) wrapped = names[i] with { Error = wrapped };
            return wrapped;
        }
    }

    // A part keeps its group's size and who-cancelled-whom: the siblings were cancelled whichever part a handler sees.
    static Option<GroupError> Part(List<Error> errors, GroupError of) =>
        errors.Count == 0 ? None : Some(new GroupError(errors.ToSeq(), of.Total) { Cancellation = of.Cancellation });
}
