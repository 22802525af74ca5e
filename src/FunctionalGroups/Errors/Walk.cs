using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>
/// Walks of a <see cref="GroupError"/> tree. Each uses an explicit stack instead of recursion: a failure
/// 100,000 groups deep is a tree 100,000 levels deep, and inspecting it must not overflow the stack (G14).
/// </summary>
internal static class Walk
{
    /// <summary>Leaves in depth-first child order; a named nested group is seen through, a named leaf is kept as is.</summary>
    public static IEnumerable<Error> Leaves(GroupError root)
    {
        var stack = new Stack<(GroupError Group, int Next)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (group, next) = stack.Pop();
            if (next >= group.Errors.Count) continue;
            stack.Push((group, next + 1));
            var entry = group.Errors[next];
            if (NamedError.Unnamed(entry) is GroupError nested) stack.Push((nested, 0));
            else yield return entry;
        }
    }

    /// <summary>Same totals and equal entries, pairwise, at every depth; names compared by value.</summary>
    public static bool StructurallyEqual(GroupError left, GroupError? right)
    {
        if (right is null) return false;
        var pending = new Stack<(Error Left, Error Right)>();
        pending.Push((left, right));
        while (pending.Count > 0)
        {
            var (a, b) = pending.Pop();
            if (ReferenceEquals(a, b)) continue;
            switch (a, b)
            {
                case (NamedError na, NamedError nb):
                    if (na.Name != nb.Name) return false;
                    pending.Push((na.Error, nb.Error));
                    break;
                case (GroupError ga, GroupError gb):
                    if (ga.Total != gb.Total || ga.Errors.Count != gb.Errors.Count) return false;
                    for (var i = 0; i < ga.Errors.Count; i++) pending.Push((ga.Errors[i], gb.Errors[i]));
                    break;
                case (NamedError, _) or (_, NamedError) or (GroupError, _) or (_, GroupError):
                    return false;
                default:
                    if (!a.Equals(b)) return false;
                    break;
            }
        }
        return true;
    }

    /// <summary>A hash of the first level only (totals, count, names and the kinds of entries): cheap and
    /// consistent with <see cref="StructurallyEqual"/>, since equal trees agree on their first level.</summary>
    public static int ShallowHash(GroupError group)
    {
        var hash = new HashCode();
        hash.Add(group.Total);
        hash.Add(group.Errors.Count);
        foreach (var entry in group.Errors)
        {
            var e = entry;
            while (e is NamedError named)
            {
                hash.Add(named.Name);
                e = named.Error;
            }
            hash.Add(e is GroupError nested ? nested.Total : e.GetHashCode());
        }
        return hash.ToHashCode();
    }
}
