using FsCheck;
using FsCheck.Fluent;

namespace FunctionalGroups.Testing;

/// <summary>
/// The group laws, ready to use: as FsCheck properties over generated plans, as a check of one plan, or as the list
/// of violations of one run. A broken law is labelled with the law and the node: <c>OrderIsKept at node #4: …</c>.
/// Every check also checks <see cref="GroupLaw.GroupEnds"/>.
/// </summary>
/// <example>
/// <code>
/// public class MyGroupLaws
/// {
///     [Property(MaxTest = 300)]
///     public Property every_failure_is_reported_once() => GroupLaws.EveryFailureIsReportedOnce();
///
///     [Property(MaxTest = 300)]
///     public Property all_laws_hold_without_timeouts() => GroupLaws.Hold(FaultPlanSizes.Default with { Timeout = false });
/// }
/// </code>
/// </example>
public static class GroupLaws
{
    /// <summary>Every law.</summary>
    public static IReadOnlyList<GroupLaw> Every { get; } = Enum.GetValues<GroupLaw>();

    /// <summary>G3: every injected failure is reported once, over generated plans.</summary>
    public static Property EveryFailureIsReportedOnce(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.EveryFailureIsReportedOnce);

    /// <summary>G1: no child outlives its group, over generated plans.</summary>
    public static Property NoChildOutlivesItsGroup(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.NoChildOutlivesItsGroup);

    /// <summary>G5, G6: values and failures in child order, nesting and names kept, over generated plans.</summary>
    public static Property OrderIsKept(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.OrderIsKept);

    /// <summary>G3, G7, G13: group-caused cancellations are never reported, over generated plans.</summary>
    public static Property GroupCausedCancellationsAreNeverReported(FaultPlanSizes? sizes = null) =>
        Hold(sizes, GroupLaw.GroupCausedCancellationsAreNeverReported);

    /// <summary>G12: nothing is left unobserved, over generated plans.</summary>
    public static Property NothingIsLeftUnobserved(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.NothingIsLeftUnobserved);

    /// <summary>G9: spawns after shutdown never run, over generated plans (with scopes).</summary>
    public static Property SpawnsAfterShutdownNeverRun(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.SpawnsAfterShutdownNeverRun);

    /// <summary>G15: members start in child (spawn) order under any limit, over generated plans.</summary>
    public static Property StartOrderIsKept(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.StartOrderIsKept);

    /// <summary>G16: context flows into every member and nothing leaks, over generated plans.</summary>
    public static Property ContextFlowsAndNothingLeaks(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.ContextFlowsAndNothingLeaks);

    /// <summary>G17: a spawn returns promptly, over generated plans (with scopes).</summary>
    public static Property SpawnReturnsPromptly(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.SpawnReturnsPromptly);

    /// <summary>G18: odd failure values and cancellation-callback failures reported once whoever cancelled, over
    /// generated plans.</summary>
    public static Property EveryValueAndEveryCancellerIsHandled(FaultPlanSizes? sizes = null) => Hold(sizes, GroupLaw.EveryValueAndEveryCancellerIsHandled);

    /// <summary>G18: a join of a failed child gives that very failure, over generated plans with joins
    /// (<see cref="FaultPlanSizes.Joins"/> is turned on).</summary>
    public static Property JoinGivesTheChildsFailure(FaultPlanSizes? sizes = null) =>
        Hold((sizes ?? FaultPlanSizes.Default) with { Joins = true }, GroupLaw.JoinGivesTheChildsFailure, GroupLaw.EveryFailureIsReportedOnce);

    /// <summary>G18: self-joins and join cycles fail clearly and do not hang, over generated plans with joins
    /// (<see cref="FaultPlanSizes.Joins"/> is turned on).</summary>
    public static Property JoinCyclesFailClearly(FaultPlanSizes? sizes = null) =>
        Hold((sizes ?? FaultPlanSizes.Default) with { Joins = true }, GroupLaw.JoinCyclesFailClearly, GroupLaw.EveryFailureIsReportedOnce);

    /// <summary>C1: a cancel scope answers only after its effect has ended, over generated plans with cancel scopes
    /// (<see cref="FaultPlanSizes.CancelScopes"/> is turned on).</summary>
    public static Property TimeoutsJoinTheirEffect(FaultPlanSizes? sizes = null) =>
        Hold((sizes ?? FaultPlanSizes.Default) with { CancelScopes = true }, GroupLaw.TimeoutsJoinTheirEffect, GroupLaw.NoChildOutlivesItsGroup);

    /// <summary>C2, C3: only a deadline's own cancellation is a timeout, over generated plans with cancel scopes
    /// (<see cref="FaultPlanSizes.CancelScopes"/> is turned on).</summary>
    public static Property OnlyTheDeadlinesCancellationIsATimeout(FaultPlanSizes? sizes = null) =>
        Hold((sizes ?? FaultPlanSizes.Default) with { CancelScopes = true }, GroupLaw.OnlyTheDeadlinesCancellationIsATimeout, GroupLaw.EveryFailureIsReportedOnce);

    /// <summary>C4: no cancel from outside reaches a shielded effect, over generated plans with cancel scopes
    /// (<see cref="FaultPlanSizes.CancelScopes"/> is turned on).</summary>
    public static Property ShieldedCleanupRunsToItsEnd(FaultPlanSizes? sizes = null) =>
        Hold((sizes ?? FaultPlanSizes.Default) with { CancelScopes = true }, GroupLaw.ShieldedCleanupRunsToItsEnd, GroupLaw.EveryFailureIsReportedOnce);

    /// <summary><see cref="GroupLaw.StreamsPullOnlyAsAdmitted"/> (S1), with the join-all and start-order laws, over plans
    /// with streaming groups under parallelism limits (<see cref="FaultPlanSizes.Streams"/> is turned on, and
    /// <see cref="FaultPlanSizes.MaxParallelism"/> is 3 unless given).</summary>
    public static Property StreamsPullOnlyAsAdmitted(FaultPlanSizes? sizes = null)
    {
        sizes = (sizes ?? FaultPlanSizes.Default) with { Streams = true };
        if (sizes.MaxParallelism is null) sizes = sizes with { MaxParallelism = 3 };
        return Hold(sizes, GroupLaw.StreamsPullOnlyAsAdmitted, GroupLaw.NoChildOutlivesItsGroup, GroupLaw.StartOrderIsKept);
    }

    /// <summary><paramref name="laws"/> (every law when none is given) over plans of <paramref name="sizes"/>.</summary>
    public static Property Hold(FaultPlanSizes? sizes, params GroupLaw[] laws)
    {
        var arbitrary = FaultArbitraries.Plans(sizes);
        return Prop.ForAll(arbitrary, plan => Check(plan, laws));
    }

    /// <summary>Runs <paramref name="plan"/> and checks <paramref name="laws"/> (every law when none is given), as a
    /// property whose labels name each broken law and node.</summary>
    public static async Task<Property> Check(FaultPlan plan, params GroupLaw[] laws)
    {
        var (run, violations) = await Verify(plan, laws).ConfigureAwait(false);
        return ToProperty(violations, () => Summary(run));
    }

    /// <summary>Runs <paramref name="plan"/> and gives the run and the violations of <paramref name="laws"/> (every
    /// law when none is given).</summary>
    public static async Task<(FaultRun Run, IReadOnlyList<LawViolation> Violations)> Verify(FaultPlan plan, params GroupLaw[] laws)
    {
        ArgumentNullException.ThrowIfNull(plan);
        laws = Normalise(laws);
        var run = FaultRun.Prepare(plan);
        var unobserved = await Unobserved.Maybe(laws.Contains(GroupLaw.NothingIsLeftUnobserved), run.Id, run.Start).ConfigureAwait(false);
        var violations = Collect(run, laws.Where(static l => l != GroupLaw.NothingIsLeftUnobserved));
        violations.AddRange(unobserved.Select(static u => new LawViolation(GroupLaw.NothingIsLeftUnobserved, -1, $"unobserved: {u}")));
        return (run, violations);
    }

    /// <summary>The violations of <paramref name="laws"/> (every law but <see cref="GroupLaw.NothingIsLeftUnobserved"/>
    /// when none is given) in a finished run. <see cref="GroupLaw.NothingIsLeftUnobserved"/> needs the run's tasks to be
    /// collected: check it with <see cref="Check"/> or <see cref="Verify"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="GroupLaw.NothingIsLeftUnobserved"/> is asked for.</exception>
    public static IReadOnlyList<LawViolation> Violations(FaultRun run, params GroupLaw[] laws)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (laws.Contains(GroupLaw.NothingIsLeftUnobserved))
            throw new ArgumentException("NothingIsLeftUnobserved is checked around the run: use GroupLaws.Check or GroupLaws.Verify.", nameof(laws));
        return Collect(run, laws.Length == 0 ? Every.Where(static l => l != GroupLaw.NothingIsLeftUnobserved) : laws);
    }

    /// <summary>The violations of <see cref="GroupLaw.GroupEnds"/> and of <paramref name="laws"/>.</summary>
    static List<LawViolation> Collect(FaultRun run, IEnumerable<GroupLaw> laws)
    {
        var violations = new List<LawViolation>();
        LawChecks.Check(run, GroupLaw.GroupEnds, violations);
        foreach (var law in laws.Where(static l => l != GroupLaw.GroupEnds).Distinct()) LawChecks.Check(run, law, violations);
        return violations;
    }

    /// <summary>Violations as an FsCheck property: true when there are none, else one false label per violation
    /// (and one with the run's outcome and trace).</summary>
    internal static Property ToProperty(IReadOnlyList<LawViolation> violations, Func<string> summary)
    {
        if (violations.Count == 0) return Prop.ToProperty(true);
        var property = Prop.Label(false, summary());
        foreach (var v in violations) property = property.And(Prop.Label(false, v.ToString()));
        return property;
    }

    static GroupLaw[] Normalise(GroupLaw[] laws)
    {
        ArgumentNullException.ThrowIfNull(laws);
        return laws.Length == 0 ? Every.ToArray() : laws;
    }

    static string Summary(FaultRun run)
    {
        var outcome = !run.Ended ? "never ended"
            : run.Result.Match(Succ: static v => $"Succ [{string.Join(",", v)}]", Fail: static e => $"Fail:\n{e}");
        return $"run {run.Id} of {run.Plan}\noutcome: {outcome}\ntrace:\n  {string.Join("\n  ", run.Trace)}";
    }
}
