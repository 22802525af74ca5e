using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The interpreter: a plan's nodes as instrumented <c>Aff</c> effects.</summary>
public sealed partial class FaultRun
{
    /// <summary>The root group: <c>Group.All</c> or <c>Group.Scope</c> with <paramref name="options"/> (the timeout).</summary>
    Aff<GroupRuntime, Seq<int>> Root(GroupOptions options) => GroupOf(0, options);

    /// <summary>Node <paramref name="node"/> as a child effect; <paramref name="scope"/> is the scope a spawner spawns
    /// into. Building starts nothing (G8): a node runs when its effect runs.</summary>
    Aff<GroupRuntime, Seq<int>> Node(int node, GroupScope<GroupRuntime, Seq<int>>? scope)
    {
        var effect = layout.Nodes[node] switch
        {
            FaultLeaf => Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt => Leaf(node, rt.CancellationToken)),
            FaultSpawner => Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt => Spawner(node, scope!, rt)),
            _ => Marked(node, GroupOf(node, GroupOptions.Default)),
        };
        return layout.Nodes[node].Name is { } name ? effect.Named(name) : effect;
    }

    Aff<GroupRuntime, Seq<int>> GroupOf(int node, GroupOptions options) =>
        ((FaultGroup)layout.Nodes[node]).Shape == GroupShape.All
            ? Group.All(layout.Below(node).Select(c => Node(c, null)), options).Map(Flatten)
            : Group.Scope<Seq<int>>(scope => Body(node, scope), options).Map(_ => Collect(node));

    /// <summary>A nested group, with its start and end marked around its effect.</summary>
    Aff<GroupRuntime, Seq<int>> Marked(int node, Aff<GroupRuntime, Seq<int>> group) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            probes[node].MarkStart(Mark(), clock.Now);
            Note(node, "start");
            var fin = await group.Run(rt).ConfigureAwait(false);
            probes[node].MarkGroupEnd(Mark());
            Note(node, fin.IsSucc ? "end" : "end failed");
            return fin;
        });

    static Seq<int> Flatten(Seq<Seq<int>> values) => values.Bind(static v => v);

    async ValueTask<Fin<Seq<int>>> Leaf(int node, CancellationToken token)
    {
        var leaf = (FaultLeaf)layout.Nodes[node];
        Begin(node);
        try
        {
            return await LeafBehaviour.Run(clock, leaf, node, token,
                () => new ValueTask<Fin<Seq<int>>>(Succeeded(node)),
                () => Inject(node, leaf.Form)).ConfigureAwait(false);
        }
        finally
        {
            Finish(node, token);
        }
    }

    /// <summary>A scope's body: spawns the scope's children in order and ends. The scope's value is read from the
    /// handles once the scope has ended (<see cref="Collect"/>): no member waits for another through <c>Join</c>,
    /// whose continuations run on the thread pool, so the whole run stays on the driver's thread (see
    /// <see cref="StepClock"/>).</summary>
    Aff<GroupRuntime, Seq<int>> Body(int scopeNode, GroupScope<GroupRuntime, Seq<int>> scope) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            Error? refused = null;
            foreach (var child in layout.Below(scopeNode))
                refused ??= await SpawnOne(scopeNode, scopeNode, child, scope, rt).ConfigureAwait(false);
            return refused is null ? Seq<int>.Empty : Fin<Seq<int>>.Fail(refused);
        });

    /// <summary>A scope's value after it ended: its children's values in order, each spawner's followed by what it
    /// spawned. Every handle has its outcome once the scope has ended; this runs only when the scope succeeded.</summary>
    Seq<int> Collect(int scopeNode)
    {
        var values = new List<int>();
        var pending = new Stack<int>(layout.Below(scopeNode).Reverse());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (handles.TryGetValue(node, out var handle))
                values.AddRange(handle.Result.Bind(static f => f.ToOption()).IfNone(Seq<int>.Empty));
            if (layout.Nodes[node] is FaultSpawner)
                foreach (var spawned in layout.Below(node).Reverse()) pending.Push(spawned);
        }
        return values.ToSeq();
    }

    /// <summary>A spawner: before each spawn it takes its steps ignoring its token (so a spawn can come after the scope
    /// began shutting down, G9). A refused spawn ends it with the refusal (a cancellation, G13).</summary>
    async ValueTask<Fin<Seq<int>>> Spawner(int node, GroupScope<GroupRuntime, Seq<int>> scope, GroupRuntime rt)
    {
        var spawner = (FaultSpawner)layout.Nodes[node];
        var owner = layout.Owner(node);
        Begin(node);
        try
        {
            Error? refused = null;
            foreach (var child in layout.Below(node))
            {
                for (var i = 0; i < spawner.StepsBefore; i++) await clock.Step(node, CancellationToken.None).ConfigureAwait(false);
                refused ??= await SpawnOne(owner, node, child, scope, rt).ConfigureAwait(false);
            }
            return refused is null ? Succeeded(node) : Fin<Seq<int>>.Fail(refused);
        }
        finally
        {
            Finish(node, rt.CancellationToken);
        }
    }

    /// <summary>One spawn, recorded; the refusal when the scope refused it.</summary>
    async ValueTask<Error?> SpawnOne(int scopeNode, int spawner, int child, GroupScope<GroupRuntime, Seq<int>> scope, GroupRuntime rt)
    {
        var shuttingDown = scope.IsShuttingDown;
        var fin = await scope.Spawn(Node(child, scope)).Run(rt).ConfigureAwait(false);
        var refusal = fin.Match(Succ: h => { handles[child] = h; return null; }, Fail: static e => (Error?)e);
        lock (spawns) spawns.Add(new SpawnAttempt(scopeNode, spawner, child, shuttingDown, refusal));
        Note(spawner, refusal is null ? $"spawned #{child}" : $"spawn of #{child} refused");
        return refusal;
    }

    void Begin(int node)
    {
        clock.Enter();
        for (var up = layout.Parent(node); up >= 0; up = layout.Parent(up))
            if (layout.Nodes[up] is FaultGroup) probes[up].MemberStarted();
        probes[node].MarkStart(Mark(), clock.Now);
        Note(node, "start");
    }

    void Finish(int node, CancellationToken token)
    {
        probes[node].MarkEnd(Mark(), token.IsCancellationRequested);
        Note(node, "end");
        for (var up = layout.Parent(node); up >= 0; up = layout.Parent(up))
            if (layout.Nodes[up] is FaultGroup) probes[up].MemberEnded();
        clock.Exit();
    }

    Fin<Seq<int>> Succeeded(int node)
    {
        probes[node].MarkSucceeded();
        return Prelude.Seq1(node);
    }

    Fin<Seq<int>> Inject(int node, FailureForm form)
    {
        Note(node, "injected");
        if (form == FailureForm.Thrown)
        {
            var thrown = new InjectedException(Id, node);
            probes[node].MarkInjected(thrown);
            throw thrown;
        }
        var error = new InjectedError(Id, node);
        probes[node].MarkInjected(error);
        return Fin<Seq<int>>.Fail(error);
    }
}
