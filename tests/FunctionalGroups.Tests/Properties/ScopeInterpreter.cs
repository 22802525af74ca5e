using System.Collections.Concurrent;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Properties;

/// <summary>One spawn attempt: whether the scope was shutting down just before it, whether it was accepted, whether the child ran.</summary>
internal sealed class SpawnAttempt
{
    public bool ShuttingDownAtAttempt;
    public Error? Refusal;
    public ChildHandle<GroupRuntime, int>? Handle;
    public int Ran;
}

/// <summary>Runs a <see cref="ScopePlan"/> and records what happened.</summary>
internal sealed class ScopePlanRun
{
    readonly ScopePlan plan;
    readonly CancellationTokenSource outer = new();
    GroupScope<GroupRuntime, int>? scope;
    int members;

    ScopePlanRun(ScopePlan plan) => this.plan = plan;

    public Probe Probe { get; } = new();

    /// <summary>The failures that actually happened (each a fresh instance), in no particular order.</summary>
    public ConcurrentQueue<Error> Happened { get; } = new();

    public ConcurrentQueue<SpawnAttempt> Attempts { get; } = new();

    public int BodiesRun;
    public Fin<int> Outcome { get; private set; }
    public long ScopeEnd { get; private set; }

    public static async Task<ScopePlanRun> Execute(ScopePlan plan)
    {
        var run = new ScopePlanRun(plan);
        if (plan.Outer == ScopeOuterCancel.BeforeStart) run.outer.Cancel();
        var effect = Group.Scope<int>(s =>
        {
            run.scope = s;
            Interlocked.Increment(ref run.BodiesRun);
            return run.Member(plan.Body, isBody: true, attempt: null);
        });
        run.Outcome = await effect.RunAsync(run.outer.Token).ConfigureAwait(false);
        run.ScopeEnd = Probe.Tick();
        run.outer.Dispose();
        return run;
    }

    Aff<GroupRuntime, int> Member(ScopeMember m, bool isBody, SpawnAttempt? attempt) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            if (attempt is not null) Interlocked.Increment(ref attempt.Ran);
            var ct = rt.CancellationToken;
            using var _ = Probe.Enter();
            var number = Interlocked.Increment(ref members) - 1;
            if (plan.Outer == ScopeOuterCancel.AtMember && number == plan.CancelAt) outer.Cancel();

            for (var i = 0; i < m.Subs.Count; i++)
            {
                for (var y = 0; y < m.SpawnDelays[i]; y++) await PoolYield.Yield();
                var next = new SpawnAttempt();
                Attempts.Enqueue(next);
                next.ShuttingDownAtAttempt = scope!.IsShuttingDown;
                scope.SpawnNow(Member(m.Subs[i], isBody: false, next))
                    .Match(Succ: h => next.Handle = h, Fail: e => next.Refusal = e);
            }
            if (m.CallsCancel) scope!.CancelNow(-1);

            var outcome = await Behave(m, ct).ConfigureAwait(false);
            // G1: a plan with a hanging member ends by the body's explicit cancel, unless something cancelled it before.
            if (isBody && plan.HasHang) scope!.CancelNow(-2);
            return outcome;
        });

    async Task<Fin<int>> Behave(ScopeMember m, CancellationToken ct)
    {
        switch (m.Kind)
        {
            case ScopeKind.Succeed:
            case ScopeKind.Fail:
                for (var i = 0; i < m.Yields; i++)
                {
                    if (ct.IsCancellationRequested) return Fin<int>.Fail(Errors.Cancelled);
                    await PoolYield.Yield();
                }
                if (ct.IsCancellationRequested) return Fin<int>.Fail(Errors.Cancelled);
                return m.Kind == ScopeKind.Succeed ? Fin<int>.Succ(1) : Failure();
            case ScopeKind.StubbornSucceed:
            case ScopeKind.StubbornFail:
                for (var i = 0; i < m.Yields; i++) await PoolYield.Yield();
                return m.Kind == ScopeKind.StubbornSucceed ? Fin<int>.Succ(1) : Failure();
            default:
                try
                {
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    return Fin<int>.Succ(1);
                }
                catch (OperationCanceledException)
                {
                    return Fin<int>.Fail(Errors.Cancelled);
                }
        }
    }

    Fin<int> Failure()
    {
        var error = Error.New($"failure #{Happened.Count}");
        Happened.Enqueue(error);
        return Fin<int>.Fail(error);
    }
}
