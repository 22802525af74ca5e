using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace FunctionalGroups.Testing;

/// <summary>
/// Property-tests a system built on groups, with faults injected into its own effects: generated
/// <see cref="InjectionPlan"/>s decide which calls fail, hang or ignore cancellation, and the group laws are checked
/// on the system's outcome (every injected failure reported once, in call order; no call outlives the system;
/// cancellations never reported; nothing unobserved). The system is rebuilt for every run from a
/// <see cref="FaultInjector"/>.
/// </summary>
/// <example>
/// <code>
/// static Aff&lt;GroupRuntime, Seq&lt;Page&gt;&gt; FetchAll(Seq&lt;string&gt; urls, Func&lt;string, Aff&lt;GroupRuntime, Page&gt;&gt; fetch) =>
///     Group.All(urls.Map(fetch));
///
/// [Property(MaxTest = 200)]
/// public Property fetch_all_keeps_the_group_laws() =>
///     FaultInjection.Hold(faults => FetchAll(urls, url => faults.Wrap(Fetch(url))));
/// </code>
/// </example>
public static class FaultInjection
{
    /// <summary>The laws that apply to a system under test: all but the ones that need a plan's groups and scopes
    /// (<see cref="GroupLaw.SpawnsAfterShutdownNeverRun"/>, <see cref="GroupLaw.StartOrderIsKept"/>,
    /// <see cref="GroupLaw.ContextFlowsAndNothingLeaks"/>, <see cref="GroupLaw.SpawnReturnsPromptly"/>, and the cancel-scope
    /// laws <see cref="GroupLaw.TimeoutsJoinTheirEffect"/>, <see cref="GroupLaw.OnlyTheDeadlinesCancellationIsATimeout"/>,
    /// <see cref="GroupLaw.ShieldedCleanupRunsToItsEnd"/>, which judge a plan's cancel-scope nodes, and
    /// <see cref="GroupLaw.StreamsPullOnlyAsAdmitted"/>, which judges a plan's streams).</summary>
    public static IReadOnlyList<GroupLaw> Laws { get; } = GroupLaws.Every.Where(static l => !PlanOnly(l)).ToArray();

    static bool PlanOnly(GroupLaw law) =>
        law is GroupLaw.SpawnsAfterShutdownNeverRun or GroupLaw.StartOrderIsKept or GroupLaw.ContextFlowsAndNothingLeaks or GroupLaw.SpawnReturnsPromptly
            or GroupLaw.TimeoutsJoinTheirEffect or GroupLaw.OnlyTheDeadlinesCancellationIsATimeout or GroupLaw.ShieldedCleanupRunsToItsEnd
            or GroupLaw.StreamsPullOnlyAsAdmitted;

    /// <summary><paramref name="laws"/> (every law of <see cref="Laws"/> when none is given) over generated injection
    /// plans of <paramref name="sizes"/> (default sizes when null).</summary>
    public static Property Hold<A>(Func<FaultInjector, Aff<GroupRuntime, A>> system, FaultPlanSizes? sizes = null, params GroupLaw[] laws)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Prop.ForAll(FaultArbitraries.Injections(sizes), plan => Check(plan, system, laws));
    }

    /// <summary>Runs the system with <paramref name="plan"/> and checks <paramref name="laws"/>, as a labelled property.</summary>
    public static async Task<Property> Check<A>(InjectionPlan plan, Func<FaultInjector, Aff<GroupRuntime, A>> system, params GroupLaw[] laws)
    {
        var (run, violations) = await Verify(plan, system, laws).ConfigureAwait(false);
        return GroupLaws.ToProperty(violations, () =>
            $"run {run.Id} of {plan}\noutcome: {(run.Ended ? run.Result.Match(Succ: static v => $"Succ {v}", Fail: static e => $"Fail:\n{e}") : "never ended")}\ntrace:\n  {string.Join("\n  ", run.Trace)}");
    }

    /// <summary>Runs the system with <paramref name="plan"/> and gives the run and the violations of
    /// <paramref name="laws"/> (every law of <see cref="Laws"/> when none is given).</summary>
    /// <exception cref="ArgumentException">A law that needs a plan's groups is asked for (see <see cref="Laws"/>).</exception>
    public static async Task<(InjectionRun<A> Run, IReadOnlyList<LawViolation> Violations)> Verify<A>(
        InjectionPlan plan, Func<FaultInjector, Aff<GroupRuntime, A>> system, params GroupLaw[] laws)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(laws);
        if (laws.FirstOrDefault(PlanOnly) is var planOnly && laws.Any(PlanOnly))
            throw new ArgumentException($"{planOnly} needs a plan's groups and scopes: check it with GroupLaws.", nameof(laws));
        if (laws.Length == 0) laws = Laws.ToArray();
        var run = new InjectionRun<A>(plan);
        Task Start() => run.Start((faults, token) => system(faults).RunAsync(token));
        var unobserved = await Unobserved.Maybe(laws.Contains(GroupLaw.NothingIsLeftUnobserved), run.Id, Start).ConfigureAwait(false);
        var violations = new List<LawViolation>();
        LawChecks.Shared(run, GroupLaw.GroupEnds, violations);
        foreach (var law in laws.Where(static l => l is not GroupLaw.GroupEnds and not GroupLaw.NothingIsLeftUnobserved).Distinct())
            InjectionChecks.Check(run, law, violations);
        violations.AddRange(unobserved.Select(static u => new LawViolation(GroupLaw.NothingIsLeftUnobserved, -1, $"unobserved: {u}")));
        return (run, violations);
    }

    /// <summary>Runs the system once with <paramref name="plan"/>, for checks of your own.</summary>
    public static async Task<InjectionRun<A>> Run<A>(InjectionPlan plan, Func<FaultInjector, Aff<GroupRuntime, A>> system)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(system);
        var run = new InjectionRun<A>(plan);
        await run.Start((faults, token) => system(faults).RunAsync(token)).ConfigureAwait(false);
        return run;
    }
}
