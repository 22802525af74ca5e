using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The interpreter: a plan's nodes as instrumented <c>Aff</c> effects.</summary>
public sealed partial class FaultRun
{
    /// <summary>The root group: <c>Group.All</c>, <c>Group.Scope</c> or <c>Group.TraverseStream</c> with <paramref name="options"/> (the timeout)
    /// and the plan's limit.</summary>
    Aff<GroupRuntime, Seq<int>> Root(GroupOptions options) => GroupOf(0, options);

    /// <summary>Node <paramref name="node"/> as a child effect; <paramref name="scope"/> is the scope a spawner spawns
    /// into (or a cancel-scope leaf cancels). Building starts nothing (G8): a node runs when its effect runs.</summary>
    Aff<GroupRuntime, Seq<int>> Node(int node, GroupScope<GroupRuntime, Seq<int>>? scope)
    {
        var effect = layout.Nodes[node] switch
        {
            FaultLeaf { Behaviour: Behaviour.CancelScope } => Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt => Canceller(node, scope!, rt)),
            FaultLeaf => Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt => Leaf(node, rt.CancellationToken)),
            FaultSpawner => Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt => Spawner(node, scope!, rt)),
            FaultJoin => Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt => Joiner(node, rt)),
            FaultCancelScope => CancelScoped(node, scope),
            _ => Marked(node, GroupOf(node, GroupOptions.Default)),
        };
        effect = Probed(node, effect);
        return layout.Nodes[node].Name is { } name ? effect.Named(name) : effect;
    }

    /// <summary>The node's start as the engine makes it, probed for G16 and G17 in a synchronous frame: the context
    /// mark it sees, then its own mark written (and checked to be still there when its synchronous start returns), and
    /// whether it starts inside another member's <c>Spawn</c> call.</summary>
    Aff<GroupRuntime, Seq<int>> Probed(int node, Aff<GroupRuntime, Seq<int>> effect) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt =>
        {
            var probe = probes[node];
            probe.MarkContext(ContextProbe.Current);
            if (IsSpawned(node) && SpawnTurns.Around(Id, node) is >= 0 and var around) probe.MarkInsideSpawnOf(around);
            var mine = new ContextProbe.Mark(Id, node);
            ContextProbe.Current = mine;
            var running = effect.Run(rt);
            if (ContextProbe.Current != mine) probe.MarkContextLost(ContextProbe.Current);
            return running;
        });

    /// <summary>True for the members spawned into a scope: by its body (the scope's children) or by a spawner.</summary>
    bool IsSpawned(int node) =>
        layout.Parent(node) is >= 0 and var up && layout.Nodes[up] is FaultSpawner or FaultGroup { Shape: GroupShape.Scope };

    Aff<GroupRuntime, Seq<int>> GroupOf(int node, GroupOptions options)
    {
        if (Plan.MaxParallelism is { } limit) options = options with { MaxParallelism = limit };
        return ((FaultGroup)layout.Nodes[node]).Shape switch
        {
            GroupShape.All => (hooks.All is { } all
                ? all(layout.Below(node).Select(c => Node(c, null)).ToArray(), options)
                : Group.All(layout.Below(node).Select(c => Node(c, null)), options)).Map(Flatten),
            GroupShape.Stream => StreamOf(node, options).Map(Flatten),
            _ => ScopeOf(Group.Scope<Seq<int>>(scope => Body(node, scope), options).Map(_ => Collect(node))),
        };
    }

    Aff<GroupRuntime, Seq<int>> ScopeOf(Aff<GroupRuntime, Seq<int>> scope) => hooks.Scope is { } wrap ? wrap(scope) : scope;

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
                () => Inject(node, leaf.Form),
                () => InjectInCallback(node)).ConfigureAwait(false);
        }
        finally
        {
            Finish(node, token);
        }
    }

    /// <summary>A scope's body: spawns the scope's children in order and ends. The scope's value is read from the
    /// handles once the scope has ended (<see cref="Collect"/>). Members that join (<see cref="Joiner"/>) resume on the
    /// driver's thread: the engine hands a join's end to the run's scheduler, the step clock.</summary>
    Aff<GroupRuntime, Seq<int>> Body(int scopeNode, GroupScope<GroupRuntime, Seq<int>> scope) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            Error? refused = null;
            foreach (var child in layout.Below(scopeNode))
                refused ??= await SpawnOne(scopeNode, scopeNode, child, scope, rt).ConfigureAwait(false);
            // The children it did not spawn (after a refusal) never get a handle: a member waiting for one stops waiting.
            foreach (var child in layout.Below(scopeNode))
                if (!handles.ContainsKey(child)) clock.Schedule(static s => ((TaskCompletionSource<ChildHandle<GroupRuntime, Seq<int>>?>)s!).TrySetResult(null), HandleOf(child));
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

    /// <summary>A join member: waits for its target's handle (a later sibling is spawned after it), joins it, and passes
    /// the outcome on: its own index when the target succeeded, the very failure the join gave otherwise. What the join
    /// gave is recorded for the laws; the error of a self-join or a cycle (not the target's failure passed on) is this
    /// member's own, counted as raised by it.</summary>
    async ValueTask<Fin<Seq<int>>> Joiner(int node, GroupRuntime rt)
    {
        var join = (FaultJoin)layout.Nodes[node];
        var target = layout.Below(layout.Parent(node)).ElementAt(join.Target);
        Begin(node);
        try
        {
            for (var i = 0; i < join.StepsBefore; i++) await clock.Step(node, CancellationToken.None).ConfigureAwait(false);
            Note(node, $"joins #{target}");
            var handle = await clock.WhileJoining(node, target, new ValueTask<ChildHandle<GroupRuntime, Seq<int>>?>(Own(HandleOf(target).Task))).ConfigureAwait(false);
            if (handle is null)
            {
                Note(node, $"#{target} was never spawned");
                return Fin<Seq<int>>.Fail(Errors.Cancelled);
            }
            var joining = hooks.Join is { } broken ? broken(handle, Own(EndOf(target).Task)) : handle.Join;
            var joined = await clock.WhileJoining(node, target, joining.Run(rt)).ConfigureAwait(false);
            var failure = joined.Match(Succ: static _ => (Error?)null, Fail: static e => e);
            var targetEnded = probes[target].Ended;
            // The error of a self-join or a cycle is this member's own (an InvalidOperationException the engine raised for
            // this join); any other failure is the target's, passed on (a nested group's GroupError included).
            var own = failure is not null && !LawChecks.IsCancellation(failure) && NamedError.Unnamed(failure).ToException() is InvalidOperationException
                && (target == node || !IsFailureOf(target, failure));
            lock (joins) joins[node] = new JoinSeen(target, failure, targetEnded);
            Note(node, failure is null ? $"joined #{target}" : $"join of #{target} gave {failure.GetType().Name} '{failure.Message}'");
            if (own) probes[node].MarkInjected(Failures.Identity(failure!));
            return failure is null ? Succeeded(node) : Fin<Seq<int>>.Fail(failure);
        }
        finally
        {
            Finish(node, rt.CancellationToken);
        }
    }

    /// <summary>True when <paramref name="failure"/> is what <paramref name="target"/> failed with: its injected
    /// failure, or (a join member) the failure its own join gave.</summary>
    bool IsFailureOf(int target, Error failure)
    {
        var identity = Failures.Identity(failure);
        if (ReferenceEquals(probes[target].Injected, identity)) return true;
        lock (joins) return joins.TryGetValue(target, out var seen) && seen.Failure is { } passed && ReferenceEquals(Failures.Identity(passed), identity);
    }

    /// <summary>A task of its own for one waiter of <paramref name="shared"/>, completed inline with it: a task with
    /// several await continuations runs all but one of them on the thread pool, off the driver's thread.</summary>
    static Task<T> Own<T>(Task<T> shared) =>
        shared.ContinueWith(static t => t.Result, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    static Task Own(Task shared) =>
        shared.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>The handle of <paramref name="node"/> once its spawn returned (null: the spawn was refused).</summary>
    TaskCompletionSource<ChildHandle<GroupRuntime, Seq<int>>?> HandleOf(int node) => handleOf.GetOrAdd(node, static _ => new());

    /// <summary>The end of <paramref name="node"/> as the kit saw it (for hand-made joins of the kit's own tests).</summary>
    TaskCompletionSource EndOf(int node)
    {
        var ended = endOf.GetOrAdd(node, static _ => new());
        if (probes[node].Ended) ended.TrySetResult();
        return ended;
    }

    /// <summary>A cancel-scope leaf: takes its steps observing its token, then cancels its scope (G10) and succeeds
    /// (or fails with what the cancel gave, if it failed).</summary>
    async ValueTask<Fin<Seq<int>>> Canceller(int node, GroupScope<GroupRuntime, Seq<int>> scope, GroupRuntime rt)
    {
        var steps = ((FaultLeaf)layout.Nodes[node]).Steps;
        Begin(node);
        try
        {
            for (var i = 0; i < steps; i++) await clock.Step(node, rt.CancellationToken).ConfigureAwait(false);
            rt.CancellationToken.ThrowIfCancellationRequested();
            Note(node, $"cancels scope #{layout.Owner(node)}");
            lock (explicitCancels) explicitCancels.Add(layout.Owner(node));
            var cancelled = await scope.Cancel(Seq<int>.Empty).Run(rt).ConfigureAwait(false);
            return cancelled.Match(Succ: _ => Succeeded(node), Fail: static e => Fin<Seq<int>>.Fail(e));
        }
        finally
        {
            Finish(node, rt.CancellationToken);
        }
    }

    /// <summary>One spawn, recorded in the order the spawn calls began; the refusal when the scope refused it.</summary>
    async ValueTask<Error?> SpawnOne(int scopeNode, int spawner, int child, GroupScope<GroupRuntime, Seq<int>> scope, GroupRuntime rt)
    {
        var shuttingDown = scope.IsShuttingDown;
        int slot;
        lock (spawns)
        {
            slot = spawns.Count;
            spawns.Add(null!);
        }
        ValueTask<Fin<ChildHandle<GroupRuntime, Seq<int>>>> spawning;
        SpawnTurns.Enter(Id, child);
        try
        {
            spawning = scope.Spawn(Node(child, scope)).Run(rt);
        }
        finally
        {
            SpawnTurns.Exit();
        }
        var fin = await spawning.ConfigureAwait(false);
        var refusal = fin.Match(Succ: h => { handles[child] = h; return null; }, Fail: static e => (Error?)e);
        // A member waiting for this handle resumes on the driver's turn, not inside this spawner's.
        var handle = refusal is null ? handles[child] : null;
        clock.Schedule(static s => { var (ready, h) = ((TaskCompletionSource<ChildHandle<GroupRuntime, Seq<int>>?>, ChildHandle<GroupRuntime, Seq<int>>?))s!; ready.TrySetResult(h); }, (HandleOf(child), handle));
        lock (spawns) spawns[slot] = new SpawnAttempt(scopeNode, spawner, child, shuttingDown, refusal);
        Note(spawner, refusal is null ? $"spawned #{child}" : $"spawn of #{child} refused");
        return refusal;
    }

    void Begin(int node)
    {
        clock.Enter();
        for (var up = layout.Parent(node); up >= 0; up = layout.Parent(up))
            if (layout.Nodes[up] is FaultGroup or FaultCancelScope) probes[up].MemberStarted();
        probes[node].MarkStart(Mark(), clock.Now);
        Note(node, "start");
    }

    void Finish(int node, CancellationToken token)
    {
        probes[node].MarkEnd(Mark(), token.IsCancellationRequested);
        Note(node, "end");
        for (var up = layout.Parent(node); up >= 0; up = layout.Parent(up))
            if (layout.Nodes[up] is FaultGroup or FaultCancelScope) probes[up].MemberEnded();
        if (endOf.TryGetValue(node, out var ended)) clock.Schedule(static s => ((TaskCompletionSource)s!).TrySetResult(), ended);
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
        var failure = Failures.Make(form, Id, node, "node");
        probes[node].MarkInjected(failure.Identity);
        return Failures.Raise<Seq<int>>(failure);
    }

    /// <summary>The exception a <see cref="Behaviour.ThrowOnCancel"/> leaf's token callback throws, recorded.</summary>
    Exception InjectInCallback(int node)
    {
        Note(node, "injected in its cancellation callback");
        var thrown = new InjectedException(Id, node);
        probes[node].MarkInjected(thrown);
        return thrown;
    }
}
