namespace FunctionalGroups.Diagnostics;

/// <summary>
/// The live tree of this process's running groups, as Python's <c>python -m asyncio pstree PID</c> shows a program's
/// tasks. Out of process, the <c>fgroups</c> tool asks for the same snapshot through the <c>FunctionalGroups</c>
/// EventSource (keyword <c>Tree</c>, 0x1).
/// </summary>
/// <example>
/// <code>
/// Console.WriteLine(GroupTree.Capture().RenderTree());
/// </code>
/// </example>
public static class GroupTree
{
    /// <summary>
    /// A snapshot of every group running in this process now. Safe from any thread, at any time; it does not stop the
    /// groups, so counts taken a moment apart may differ by a child that ended in between.
    /// </summary>
    public static GroupTreeSnapshot Capture() => Engine.RunRegistry.Snapshot();
}
