using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using LanguageExt;

namespace FunctionalGroups.Engine;

/// <summary>
/// Every run going on in the process, for the live tree (<see cref="GroupTree.Capture"/>, the <c>fgroups</c> tool), as
/// asyncio keeps its tasks for <c>asyncio ps</c>. A run is added when it opens and removed when it concludes.
/// <list type="bullet">
/// <item><b>Cost.</b> Per run, one uncontended lock to add and one to remove, on one of <see cref="StripeCount"/>
/// stripes picked by the adding thread (so runs started on different threads rarely meet), and three links in the run.
/// Nothing per child. Off entirely with the <c>AppContext</c> switch <c>FunctionalGroups.DisableLiveTree</c>.</item>
/// <item><b>Locks.</b> A stripe's lock guards its list's links only; no other lock is taken under it, and a snapshot
/// copies the list under the lock, then describes each run outside it.</item>
/// <item><b>Nesting.</b> A run opened by a member's code knows the enclosing run (<see cref="LiveRun.OpenedUnder"/>); in
/// a scope the exact member is known (<see cref="ScopeMember.Current"/>); in a fixed list, the child whose synchronous
/// start opened it (<see cref="LiveRun.OpenedInChild"/>), or, after the child's first await, only the group, unless
/// spans are on (then the child's span is the nested run's parent span): knowing the child for sure after an await
/// would cost a context per child.</item>
/// </list>
/// </summary>
internal static class RunRegistry
{
    const int StripeCount = 16;

    // The EventSource that answers the fgroups tool is made with the first run, so any process that runs a group
    // answers, with no code of its own.
    static RunRegistry() => GroupTreeEventSource.EnsureCreated();

    /// <summary>A snapshot lists at most this many unfinished members per run (their counts stay exact).</summary>
    internal const int MaxMembersShown = 1000;

    /// <summary>False when the application turned the live tree off; read once, so the JIT drops the calls.</summary>
    internal static readonly bool Enabled =
        !(AppContext.TryGetSwitch("FunctionalGroups.DisableLiveTree", out var disabled) && disabled);

    sealed class StripeList
    {
        public LiveRun? Head;
    }

    static readonly StripeList[] stripes = Enumerable.Range(0, StripeCount).Select(_ => new StripeList()).ToArray();

    internal static void Add(LiveRun run)
    {
        var stripe = stripes[Environment.CurrentManagedThreadId & (StripeCount - 1)];
        lock (stripe)
        {
            run.Stripe = stripe;
            run.Next = stripe.Head;
            if (stripe.Head is { } head) head.Previous = run;
            stripe.Head = run;
        }
    }

    internal static void Remove(LiveRun run)
    {
        if (run.Stripe is not StripeList stripe) return;
        lock (stripe)
        {
            if (run.Previous is { } previous) previous.Next = run.Next;
            else stripe.Head = run.Next;
            if (run.Next is { } next) next.Previous = run.Previous;
            run.Previous = run.Next = null;
            run.Stripe = null;
        }
    }

    /// <summary>The runs going on now, as a forest: each nested run under the member (or the run) it was started in.</summary>
    internal static GroupTreeSnapshot Snapshot()
    {
        var runs = new List<LiveRun>();
        foreach (var stripe in stripes)
            lock (stripe)
                for (var run = stripe.Head; run is not null; run = run.Next) runs.Add(run);

        var now = Stopwatch.GetTimestamp();
        var listed = new System.Collections.Generic.HashSet<LiveRun>(runs, ReferenceEqualityComparer.Instance);

        // Children of each run: (run, member index or null) -> nested runs. Roots: runs with no running parent.
        var nested = new Dictionary<LiveRun, List<(int? Member, LiveRun Run)>>(ReferenceEqualityComparer.Instance);
        var roots = new List<LiveRun>();
        foreach (var run in runs)
        {
            if (run.OpenedUnder?.Run is { } parent && listed.Contains(parent) && !ReferenceEquals(parent, run))
            {
                if (!nested.TryGetValue(parent, out var list)) nested[parent] = list = [];
                list.Add((MemberIn(run, parent), run));
            }
            else roots.Add(run);
        }

        // Built bottom-up without recursion (G14: runs may nest deeper than the stack): post-order over the forest.
        var built = new Dictionary<LiveRun, GroupNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(LiveRun Run, bool Expanded)>();
        foreach (var root in roots) stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (run, expanded) = stack.Pop();
            if (!expanded)
            {
                stack.Push((run, true));
                if (nested.TryGetValue(run, out var inner))
                    foreach (var (_, child) in inner) stack.Push((child, false));
                continue;
            }
            built[run] = Attach(run.Describe(now), nested.TryGetValue(run, out var below) ? below : null, built);
        }
        return new GroupTreeSnapshot(Environment.ProcessId, DateTimeOffset.UtcNow,
            roots.OrderBy(r => r.Id).Select(r => built[r]).ToSeq().Strict());
    }

    // The member of `parent` that started `run`, when it can be told.
    static int? MemberIn(LiveRun run, LiveRun parent)
    {
        if (parent.ScopeGate is { } gate && run.OpenedIn?.Within(gate) is { } member) return member.Index;
        if (run.OpenedInChild >= 0) return run.OpenedInChild;
        if (run.Span?.Parent is { } span && span.GetCustomProperty(RunTrace.RunProperty) is LiveRun.RunTag tag && ReferenceEquals(tag.Run, parent))
            return span.GetCustomProperty(RunTrace.IndexProperty) as int?;
        return null;
    }

    static GroupNode Attach(GroupNode node, List<(int? Member, LiveRun Run)>? below, Dictionary<LiveRun, GroupNode> built)
    {
        if (below is null) return node;
        var members = node.Members.ToList();
        var loose = new List<GroupNode>();
        foreach (var (index, run) in below.OrderBy(b => b.Run.Id))
        {
            var at = index is { } i ? members.FindIndex(m => m.Index == i) : -1;
            if (at >= 0) members[at] = members[at] with { Groups = members[at].Groups.Add(built[run]) };
            else loose.Add(built[run]);
        }
        return node with { Members = members.ToSeq().Strict(), Groups = node.Groups.Concat(loose).ToSeq().Strict() };
    }
}
