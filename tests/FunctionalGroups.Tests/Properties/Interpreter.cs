using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Tests.Properties;

/// <summary>The exception a <see cref="FailureForm.Thrown"/> leaf throws: a type only these properties produce.</summary>
public sealed class InjectedFailure(long run, int leaf) : Exception($"injected failure of leaf #{leaf} (run {run})")
{
    public long Run { get; } = run;
    public int Leaf { get; } = leaf;
}

/// <summary>
/// One run of a <see cref="Scenario"/>: builds the group from the plan, runs it, and records at run time what each
/// child did (the probe the oracles compare with). Every mark is a tick of one global sequence.
/// </summary>
internal sealed class ScenarioRun
{
    static long clock;
    static long runs;

    /// <summary>The next tick of the global sequence.</summary>
    public static long Tick() => Interlocked.Increment(ref clock);

    readonly Scenario scenario;
    readonly CancellationTokenSource outer = new();

    // Per leaf (depth-first index): start and end ticks (0 = never), success, the injected failure's identity.
    readonly long[] leafStart;
    readonly long[] leafEnd;
    readonly bool[] leafSucceeded;
    readonly object?[] injected;

    // Per group: start and end ticks of its effect, live leaves under it, and live leaves when it ended.
    readonly long[] groupStart;
    readonly long[] groupEnd;
    readonly int[] live;
    readonly int[] liveAtEnd;

    int outerCancelled;

    ScenarioRun(Scenario scenario)
    {
        this.scenario = scenario;
        Id = Interlocked.Increment(ref runs);
        var leaves = scenario.Layout.Leaves.Count;
        var groups = scenario.Layout.Groups.Count;
        leafStart = new long[leaves];
        leafEnd = new long[leaves];
        leafSucceeded = new bool[leaves];
        injected = new object?[leaves];
        groupStart = new long[groups];
        groupEnd = new long[groups];
        live = new int[groups];
        liveAtEnd = new int[groups];
    }

    public long Id { get; }
    public Scenario Scenario => scenario;
    public PlanLayout Layout => scenario.Layout;
    public Fin<Seq<int>> Result { get; private set; }

    public long LeafStart(int leaf) => Volatile.Read(ref leafStart[leaf]);
    public long LeafEnd(int leaf) => Volatile.Read(ref leafEnd[leaf]);
    public bool LeafSucceeded(int leaf) => Volatile.Read(ref leafSucceeded[leaf]);
    public bool LeafStarted(int leaf) => LeafStart(leaf) != 0;

    /// <summary>The identity of the failure leaf <paramref name="leaf"/> injected (an <see cref="Error"/> or an
    /// <see cref="InjectedFailure"/>), or null if it injected none.</summary>
    public object? Injected(int leaf) => Volatile.Read(ref injected[leaf]);

    public long GroupStart(int group) => Volatile.Read(ref groupStart[group]);
    public long GroupEnd(int group) => Volatile.Read(ref groupEnd[group]);
    public int LiveAtEnd(int group) => Volatile.Read(ref liveAtEnd[group]);

    /// <summary>True when the outer source was actually cancelled during the run.</summary>
    public bool OuterCancelled => Volatile.Read(ref outerCancelled) == 1;

    /// <summary>Every injected failure, in depth-first leaf order.</summary>
    public List<(int Leaf, object Identity)> InjectedFailures() =>
        Enumerable.Range(0, leafStart.Length)
            .Select(i => (Leaf: i, Identity: Injected(i)))
            .Where(static p => p.Identity is not null)
            .Select(static p => (p.Leaf, p.Identity!))
            .ToList();

    /// <summary>Runs <paramref name="scenario"/> to its end, on the thread pool (no synchronization context).</summary>
    public static async Task<ScenarioRun> Execute(Scenario scenario)
    {
        var run = new ScenarioRun(scenario);
        await Task.Run(run.RunAsync).ConfigureAwait(false);
        return run;
    }

    /// <summary>The identity of a leaf of a <see cref="GroupError"/>: the injected <see cref="Error"/> instance,
    /// or the thrown exception for a failure that was thrown; names are seen through.</summary>
    public static object Identity(Error leaf) =>
        NamedError.Unnamed(leaf) switch
        {
            Exceptional thrown => thrown.ToException(),
            var own => own,
        };

    async Task RunAsync()
    {
        using var _ = outer;
        var group = Group.All(Children(0));
        if (scenario.Outer == OuterCancel.BeforeStart) CancelOuter();
        groupStart[0] = Tick();
        var fin = await group.Run(GroupRuntime.New(outer)).ConfigureAwait(false);
        Volatile.Write(ref groupEnd[0], Tick());
        Volatile.Write(ref liveAtEnd[0], Volatile.Read(ref live[0]));
        Result = fin.Map(Flatten);
    }

    void CancelOuter()
    {
        Volatile.Write(ref outerCancelled, 1);
        outer.Cancel();
    }

    Seq<Aff<GroupRuntime, Seq<int>>> Children(int group) =>
        Prelude.toSeq(Layout.ChildrenOf[group].Select(c => Named(c.IsLeaf ? Leaf(c.Index) : Nested(c.Index), c)).ToArray());

    Aff<GroupRuntime, Seq<int>> Named(Aff<GroupRuntime, Seq<int>> child, (bool IsLeaf, int Index) c)
    {
        var name = c.IsLeaf ? Layout.Leaves[c.Index].Node.Name : Layout.Groups[c.Index].Node.Name;
        return name is null ? child : child.Named(name);
    }

    /// <summary>A nested group: <c>Group.All</c> over its sub-plan, values flattened, its start and end marked.</summary>
    Aff<GroupRuntime, Seq<int>> Nested(int group)
    {
        var all = Group.All(Children(group)).Map(Flatten);
        return Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            Volatile.Write(ref groupStart[group], Tick());
            var fin = await all.Run(rt).ConfigureAwait(false);
            Volatile.Write(ref groupEnd[group], Tick());
            Volatile.Write(ref liveAtEnd[group], Volatile.Read(ref live[group]));
            return fin;
        });
    }

    static Seq<int> Flatten(Seq<Seq<int>> values) => values.Bind(static v => v);

    Aff<GroupRuntime, Seq<int>> Leaf(int leaf) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt => RunLeaf(leaf, rt.CancellationToken));

    async ValueTask<Fin<Seq<int>>> RunLeaf(int leaf, CancellationToken token)
    {
        var info = Layout.Leaves[leaf];
        foreach (var g in info.Ancestors) Interlocked.Increment(ref live[g]);
        Volatile.Write(ref leafStart[leaf], Tick());
        try
        {
            if (scenario.Outer == OuterCancel.AtLeaf && scenario.CancelLeaf == leaf) CancelOuter();
            var node = info.Node;
            switch (node.Kind)
            {
                case LeafKind.Succeed:
                    for (var i = 0; i < node.Yields; i++)
                    {
                        token.ThrowIfCancellationRequested();
                        await Task.Yield();
                    }
                    token.ThrowIfCancellationRequested();
                    return Succeeded(leaf);

                case LeafKind.Fail:
                    for (var i = 0; i < node.Yields; i++)
                    {
                        if (token.IsCancellationRequested) return Fin<Seq<int>>.Fail(Errors.Cancelled);
                        await Task.Yield();
                    }
                    if (token.IsCancellationRequested) return Fin<Seq<int>>.Fail(Errors.Cancelled);
                    return Inject(leaf, node.Form);

                case LeafKind.StubbornSucceed:
                    for (var i = 0; i < node.Yields; i++) await Task.Yield();
                    return Succeeded(leaf);

                case LeafKind.StubbornFail:
                    for (var i = 0; i < node.Yields; i++) await Task.Yield();
                    return Inject(leaf, node.Form);

                default:
                    await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
                    throw new InvalidOperationException("unreachable: an infinite delay ended without its token");
            }
        }
        finally
        {
            Volatile.Write(ref leafEnd[leaf], Tick());
            foreach (var g in info.Ancestors) Interlocked.Decrement(ref live[g]);
        }
    }

    Fin<Seq<int>> Succeeded(int leaf)
    {
        Volatile.Write(ref leafSucceeded[leaf], true);
        return Prelude.Seq1(leaf);
    }

    Fin<Seq<int>> Inject(int leaf, FailureForm form)
    {
        if (form == FailureForm.Thrown)
        {
            var thrown = new InjectedFailure(Id, leaf);
            Volatile.Write(ref injected[leaf], thrown);
            throw thrown;
        }
        var error = Error.New(1000 + leaf, $"injected error of leaf #{leaf} (run {Id})");
        Volatile.Write(ref injected[leaf], error);
        return Fin<Seq<int>>.Fail(error);
    }
}
