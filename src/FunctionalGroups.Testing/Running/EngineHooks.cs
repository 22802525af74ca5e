using LanguageExt;

namespace FunctionalGroups.Testing;

/// <summary>
/// Stand-ins for parts of the engine a plan run uses, for the kit's own tests: a hand-made broken system in place of
/// <c>Group.All</c>, or spawns whose deferred work runs inline instead of on the step clock. A law that no broken
/// system can break would prove nothing; with these, each law is shown to fail. Not for users: the default runs the
/// real engine.
/// </summary>
/// <param name="All">Builds an All group from its children and options (null: <c>Group.All</c>).</param>
/// <param name="DeferredWorkInline">Run the work the engine schedules off a member's turn (G17) at once, inside the
/// call that schedules it, instead of on the step clock.</param>
/// <param name="Join">Joins a handle, given the task of the target's end as the kit saw it (null: <c>handle.Join</c>).</param>
/// <param name="Scope">Wraps every scope's effect (null: <c>Group.Scope</c> as it is).</param>
/// <param name="FailAfter">Puts a deadline on a body, given the duration and the run's clock (null: the library's
/// <c>FailAfter</c>).</param>
/// <param name="Shield">Shields a body (null: the library's <c>Shield</c>).</param>
/// <param name="Stream">Builds a stream group from its lazy source, the item's effect and options (null:
/// <c>Group.TraverseStream</c>).</param>
internal sealed record EngineHooks(
    Func<IReadOnlyList<Aff<GroupRuntime, Seq<int>>>, GroupOptions, Aff<GroupRuntime, Seq<Seq<int>>>>? All = null,
    bool DeferredWorkInline = false,
    Func<ChildHandle<GroupRuntime, Seq<int>>, Task, Aff<GroupRuntime, Seq<int>>>? Join = null,
    Func<Aff<GroupRuntime, Seq<int>>, Aff<GroupRuntime, Seq<int>>>? Scope = null,
    Func<Aff<GroupRuntime, Seq<int>>, TimeSpan, TimeProvider, Aff<GroupRuntime, Seq<int>>>? FailAfter = null,
    Func<Aff<GroupRuntime, Seq<int>>, Aff<GroupRuntime, Seq<int>>>? Shield = null,
    Func<IAsyncEnumerable<int>, Func<int, Aff<GroupRuntime, Seq<int>>>, GroupOptions, Aff<GroupRuntime, Seq<Seq<int>>>>? Stream = null)
{
    /// <summary>The real engine.</summary>
    public static EngineHooks None { get; } = new();
}
