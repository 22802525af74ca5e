using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Testing;

/// <summary>
/// Wraps a system's own effects so that an <see cref="InjectionPlan"/> decides, call by call, when one fails, hangs or
/// ignores cancellation; every call is probed. One injector per run: <see cref="FaultInjection"/> makes it and hands
/// it to the function that builds the system under test.
/// </summary>
/// <example>
/// <code>
/// FaultInjection.Hold(faults => FetchAll(urls, url => faults.Wrap(Fetch(url))));
/// </code>
/// </example>
public sealed class FaultInjector
{
    readonly List<NodeProbe> calls = [];   // guarded by itself
    readonly StepClock clock;
    readonly Action<int, string> note;
    readonly Func<long> mark;

    internal FaultInjector(long run, InjectionPlan plan, StepClock clock, Microsoft.Extensions.Time.Testing.FakeTimeProvider time,
        Action<int, string> note, Func<long> mark)
    {
        Run = run;
        Plan = plan;
        this.clock = clock;
        TimeProvider = time;
        this.note = note;
        this.mark = mark;
    }

    /// <summary>The run's id, carried by its injected failures.</summary>
    public long Run { get; }

    /// <summary>The plan.</summary>
    public InjectionPlan Plan { get; }

    /// <summary>A fake clock that moves one millisecond per step of the run: give it to the system's own timeouts
    /// (<see cref="GroupOptions.TimeProvider"/>) to test them deterministically.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How many wrapped effects have started.</summary>
    public int Calls
    {
        get
        {
            lock (calls) return calls.Count;
        }
    }

    /// <summary>The probe of call <paramref name="call"/> (start order).</summary>
    public NodeProbe this[int call]
    {
        get
        {
            lock (calls) return calls[call];
        }
    }

    /// <summary><paramref name="effect"/>, under the plan's fault for the call it turns out to be: each run of the
    /// wrapped effect is the next call. Cancellation reaches it through the runtime's token, as it would the real one.</summary>
    public Aff<RT, A> Wrap<RT, A>(Aff<RT, A> effect) where RT : struct, HasCancel<RT> =>
        Aff<RT, A>.EffectMaybe(rt => Call(effect, rt));

    /// <summary>A function of effects, each wrapped (see <see cref="Wrap{RT, A}(Aff{RT, A})"/>).</summary>
    public Func<T, Aff<RT, A>> Wrap<T, RT, A>(Func<T, Aff<RT, A>> effect) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(effect);
        return x => Wrap(effect(x));
    }

    async ValueTask<Fin<A>> Call<RT, A>(Aff<RT, A> effect, RT rt) where RT : struct, HasCancel<RT>
    {
        var probe = new NodeProbe();
        int call;
        lock (calls)
        {
            call = calls.Count;
            calls.Add(probe);
        }
        var fault = call < Plan.Faults.Count ? Plan.Faults[call] : null;
        var token = rt.CancellationToken;
        clock.Enter();
        probe.MarkStart(mark(), clock.Now);
        note(call, $"start ({fault?.ToString() ?? "real"})");
        try
        {
            var outcome = fault is null
                ? await effect.Run(rt).ConfigureAwait(false)
                : await LeafBehaviour.Run(clock, fault, call, token, () => effect.Run(rt), () => Inject<A>(call, probe, fault.Form),
                    () => InjectInCallback(call, probe)).ConfigureAwait(false);
            if (outcome.IsSucc) probe.MarkSucceeded();
            return outcome;
        }
        finally
        {
            probe.MarkEnd(mark(), token.IsCancellationRequested);
            note(call, "end");
            clock.Exit();
        }
    }

    Fin<A> Inject<A>(int call, NodeProbe probe, FailureForm form)
    {
        note(call, "injected");
        var failure = Failures.Make(form, Run, call, "call");
        probe.MarkInjected(failure.Identity);
        return Failures.Raise<A>(failure);
    }

    Exception InjectInCallback(int call, NodeProbe probe)
    {
        note(call, "injected in its cancellation callback");
        var thrown = new InjectedException(Run, call, "call");
        probe.MarkInjected(thrown);
        return thrown;
    }

    /// <summary>Every failure injected so far, in call order.</summary>
    public IReadOnlyList<(int Call, object Failure)> InjectedFailures()
    {
        lock (calls)
            return calls.Select(static (p, i) => (i, p.Injected)).Where(static p => p.Injected is not null).Select(static p => (p.i, p.Injected!)).ToArray();
    }
}
