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
        // Explicit stack of (group, next entry, indent): the tree may be deeper than the call stack (G14).
        var stack = new Stack<(GroupError Group, int Next, string Indent)>();
        stack.Push((this, 0, ""));
        while (stack.Count > 0)
        {
            var (group, next, indent) = stack.Pop();
            if (next == group.Errors.Count)
            {
                text.Append(indent).Append("  +------------------------------------\n");
                continue;
            }
            stack.Push((group, next + 1, indent));
            var (name, error) = Label(group.Errors[next]);
            var title = name is null ? $"{next + 1}" : $"{next + 1}: {name}";
            text.Append(indent).Append(next == 0 ? "+-+" : "  +").Append("---------------- ").Append(title).Append(" ----------------\n");
            var bar = indent + "  | ";
            if (error is GroupError nested)
            {
                text.Append(bar).Append("GroupError: ").Append(nested.Message).Append('\n');
                stack.Push((nested, 0, indent + "  "));
            }
            else
            {
                foreach (var line in Describe(error).Split('\n')) text.Append(bar).Append(line).Append('\n');
            }
        }
        return text.ToString().TrimEnd('\n');
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
