using LanguageExt;

namespace FunctionalGroups.Diagnostics;

/// <summary>
/// Every group running in one process at one moment: the roots (groups started outside any group), each with its
/// children that have not ended and the groups nested in them. Made by <see cref="GroupTree.Capture"/>; the
/// <c>fgroups</c> tool receives it as <see cref="ToJson"/> and prints <see cref="RenderTree"/> or
/// <see cref="RenderTable"/>.
/// </summary>
/// <param name="ProcessId">The process the snapshot was taken in.</param>
/// <param name="TakenAt">When it was taken (UTC).</param>
/// <param name="Roots">The groups started outside any group, in the order they started.</param>
/// <example>
/// <code>
/// var snapshot = GroupTree.Capture();
/// Console.WriteLine(snapshot.RenderTree());
/// File.WriteAllText("tree.json", snapshot.ToJson());
/// </code>
/// </example>
public sealed partial record GroupTreeSnapshot(int ProcessId, DateTimeOffset TakenAt, Seq<GroupNode> Roots);
