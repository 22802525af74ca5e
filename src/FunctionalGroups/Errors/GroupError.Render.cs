using System.Text;
using LanguageExt.Common;

namespace FunctionalGroups;

public sealed partial record GroupError
{
    /// <summary>
    /// Draws the tree the way Python prints an <c>ExceptionGroup</c>: the group's message, then one numbered
    /// branch per failure with the child's name and error; nested groups are drawn indented inside their branch.
    /// </summary>
    /// <example>
    /// <code>
    /// GroupError: 2 of 3 tasks failed
    /// cancelled 1 ('audit' (#2)) after the failure of 'timeout' (#0)
    /// +-+---------------- 1: timeout ----------------
    ///   | TimeoutException: Request timed out
    ///   +---------------- 2: connection ----------------
    ///   | HttpRequestException: Server unavailable
    ///   +------------------------------------
    /// </code>
    /// </example>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("GroupError: ").Append(Message).Append('\n');
        if (Cancellation is { } cancellation) text.Append(cancellation).Append('\n');
        // Explicit stack of (group, next entry, depth): the tree may be deeper than the call stack (G14).
        var stack = new Stack<(GroupError Group, int Next, int Depth)>();
        stack.Push((this, 0, 0));
        while (stack.Count > 0)
        {
            var (group, next, depth) = stack.Pop();
            var indent = new string(' ', 2 * depth);
            if (next == group.Errors.Count || next == MaxWidth)
            {
                if (next < group.Errors.Count)
                {
                    text.Append(indent).Append("  +---------------- ... ----------------\n");
                    text.Append(indent).Append("  | and ").Append(group.Errors.Count - next).Append(" more failures\n");
                }
                text.Append(indent).Append("  +------------------------------------\n");
                continue;
            }
            stack.Push((group, next + 1, depth));
            var (name, error) = Label(group.Errors[next]);
            var title = name is null ? $"{next + 1}" : $"{next + 1}: {name}";
            text.Append(indent).Append(next == 0 ? "+-+" : "  +").Append("---------------- ").Append(title).Append(" ----------------\n");
            var bar = indent + "  | ";
            if (error is GroupError nested)
            {
                text.Append(bar).Append("GroupError: ").Append(nested.Message).Append('\n');
                if (nested.Cancellation is { } inner) text.Append(bar).Append(inner).Append('\n');
                if (depth + 1 < MaxDepth) stack.Push((nested, 0, depth + 1));
                else SummariseDeeper(text, bar, nested);
            }
            else
            {
                foreach (var line in Describe(error).Split('\n')) text.Append(bar).Append(line).Append('\n');
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    // Like Python's traceback module (max_group_depth = 10, max_group_width = 15): the drawing stays readable and
    // linear in size however deep or wide the tree is; Leaves and Errors still hold everything.
    const int MaxDepth = 10;
    const int MaxWidth = 15;

    static void SummariseDeeper(StringBuilder text, string bar, GroupError nested)
    {
        var leaves = Walk.Leaves(nested).Take(MaxWidth + 1).ToList();
        text.Append(bar).Append("... (deeper than ").Append(MaxDepth).Append(" levels; its leaves:)\n");
        foreach (var leaf in leaves.Take(MaxWidth))
        {
            var (name, error) = Label(leaf);
            text.Append(bar).Append("- ").Append(name is null ? "" : name + ": ").Append(Describe(error).Split('\n')[0]).Append('\n');
        }
        if (leaves.Count > MaxWidth) text.Append(bar).Append("- and more\n");
    }

    /// <summary>The names around an entry (outermost first, joined by '/') and the error inside them.</summary>
    static (string? Name, Error Error) Label(Error entry)
    {
        string? name = null;
        while (entry is NamedError named)
        {
            name = name is null ? named.Name : $"{name}/{named.Name}";
            entry = named.Error;
        }
        return (name, entry);
    }

    /// <summary>"ExceptionType: message" for exceptional errors, "Expected (code): message" for expected ones.</summary>
    static string Describe(Error error) =>
        error switch
        {
            Exceptional when error.ToException() is { } ex => $"{ex.GetType().Name}: {ex.Message}",
            Expected { Code: 0 } => $"{error.GetType().Name}: {error.Message}",
            Expected => $"{error.GetType().Name} ({error.Code}): {error.Message}",
            _ => $"{error.GetType().Name}: {error.Message}",
        };
}
