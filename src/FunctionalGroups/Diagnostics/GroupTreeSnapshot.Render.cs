using System.Text;
using LanguageExt;
using static System.FormattableString;

namespace FunctionalGroups.Diagnostics;

public sealed partial record GroupTreeSnapshot
{
    /// <summary>
    /// The tree, as Python's <c>python -m asyncio pstree PID</c> draws tasks: a header line naming the process, then
    /// each group with its children that have not ended and, under a child, the groups running inside it. Ages are
    /// truncated (<c>850ms</c>, <c>1.2s</c>, <c>3m05s</c>); culture-invariant.
    /// </summary>
    /// <example>
    /// <code>
    /// process 4242 at 2026-11-27T03:10:00.000Z: 2 groups running
    /// └── All #1  running  2.0s  3 children: 2 running, 0 done, limit 2
    ///     ├── [0] slow-1  running  2.0s
    ///     │   └── Scope #2  running  1.9s  3 children: 3 running, 0 done
    ///     │       ├── [-1] body  running  1.9s
    ///     │       ├── [0] link-a  running  1.9s
    ///     │       └── [1] link-b  running  1.9s
    ///     ├── [1] slow-2  running  2.0s
    ///     └── [2] fast  waiting
    /// </code>
    /// </example>
    public string RenderTree()
    {
        var text = new StringBuilder().Append(Header()).Append('\n');
        DrawGroups(text, Roots, "");
        return text.ToString();
    }

    /// <summary>
    /// One row per running group and per child that has not ended, as Python's <c>python -m asyncio ps PID</c> lists
    /// tasks: its id (a group's number; <c>group/index</c> for a child), its parent's id (<c>-</c> for a root), what it
    /// is (the group's policy, or <c>child</c>), the child's name, the state, the age and the group's counts. Rows come
    /// in the tree's order, after the same header line as <see cref="RenderTree"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// process 4242 at 2026-11-27T03:10:00.000Z: 2 groups running
    /// ID    PARENT  KIND   NAME    STATE    AGE   CHILDREN
    /// 1     -       All            running  2.0s  3 children: 2 running, 0 done, limit 2
    /// 1/0   1       child  slow-1  running  2.0s
    /// 2     1/0     Scope          running  1.9s  3 children: 3 running, 0 done
    /// </code>
    /// </example>
    public string RenderTable()
    {
        var rows = new List<string[]> { new[] { "ID", "PARENT", "KIND", "NAME", "STATE", "AGE", "CHILDREN" } };
        AddRows(rows, Roots, "-");
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder().Append(Header()).Append('\n');
        foreach (var row in rows)
            text.Append(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).Append('\n');
        return text.ToString();
    }

    string Header()
    {
        var count = CountGroups(Roots);
        var running = count switch { 0 => "no group running", 1 => "1 group running", _ => Invariant($"{count} groups running") };
        return Invariant($"process {ProcessId} at {TakenAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}: {running}");
    }

    static int CountGroups(Seq<GroupNode> groups) =>
        groups.Sum(group => 1 + CountGroups(group.Groups) + group.Members.Sum(child => CountGroups(child.Groups)));

    static void DrawGroups(StringBuilder text, Seq<GroupNode> groups, string indent)
    {
        var last = groups.Count - 1;
        foreach (var (group, i) in groups.Select((group, i) => (group, i)))
            DrawGroup(text, group, indent, i == last);
    }

    static void DrawGroup(StringBuilder text, GroupNode group, string indent, bool last)
    {
        text.Append(indent).Append(last ? "└── " : "├── ").Append(Describe(group)).Append('\n');
        var inner = indent + (last ? "    " : "│   ");
        var members = group.Members.Count;
        foreach (var (child, i) in group.Members.Select((child, i) => (child, i)))
        {
            var lastChild = i == members - 1 && group.Groups.IsEmpty;
            text.Append(inner).Append(lastChild ? "└── " : "├── ").Append(Describe(child)).Append('\n');
            DrawGroups(text, child.Groups, inner + (lastChild ? "    " : "│   "));
        }
        DrawGroups(text, group.Groups, inner);
    }

    static string Describe(GroupNode group) =>
        Invariant($"{group.Policy} #{group.Id}  {StateText(group.State)}  {Durations.Format(group.Age)}  {Counts(group)}");

    static string Describe(ChildNode child) =>
        child.Age is { } age
            ? Invariant($"[{child.Index}] {child.Label}  {StateText(child.State)}  {Durations.Format(age)}")
            : Invariant($"[{child.Index}] {child.Label}  {StateText(child.State)}");

    static string Counts(GroupNode group)
    {
        var counts = Invariant($"{group.Children} {(group.Children == 1 ? "child" : "children")}: {group.Running} running, {group.Done} done");
        if (group.Limit is { } limit) counts += Invariant($", limit {limit}");
        if (group.Timeout is { } timeout) counts += $", timeout {Durations.Format(timeout)}";
        return counts;
    }

    static void AddRows(List<string[]> rows, Seq<GroupNode> groups, string parent)
    {
        foreach (var group in groups)
        {
            var id = group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            rows.Add([id, parent, group.Policy, "", StateText(group.State), Durations.Format(group.Age), Counts(group)]);
            foreach (var child in group.Members)
            {
                var childId = Invariant($"{id}/{child.Index}");
                rows.Add([childId, id, "child", child.Label, StateText(child.State), Durations.Format(child.Age), ""]);
                AddRows(rows, child.Groups, childId);
            }
            AddRows(rows, group.Groups, id);
        }
    }

    static string StateText(ChildState state) => state switch
    {
        ChildState.Waiting => "waiting",
        ChildState.Running => "running",
        ChildState.Cancelling => "cancelling",
        _ => "done",
    };

    static string StateText(GroupState state) => state == GroupState.Cancelling ? "cancelling" : "running";
}
