using FsCheck;
using FsCheck.Xunit;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Properties;

/// <summary>
/// The library's own group laws, checked with its testing kit (FunctionalGroups.Testing) over generated fault plans:
/// up to 200 children at the root, nested All groups and scopes with spawners, every leaf behaviour, outer cancels and
/// timeouts, (for the rules C1–C4) cancel scopes around sub-plans, and (for S1) streaming groups. Each case runs on the kit's deterministic step clock, so a failing case replays from its seed.
/// </summary>
public class GroupLawProperties
{
    static readonly FaultPlanSizes Wide = FaultPlanSizes.Default with { MaxChildren = 200 };

    [Property(MaxTest = 200)]
    public Property every_failure_is_reported_once() => GroupLaws.EveryFailureIsReportedOnce(Wide);

    [Property(MaxTest = 200)]
    public Property no_child_outlives_its_group() => GroupLaws.NoChildOutlivesItsGroup(Wide);

    [Property(MaxTest = 200)]
    public Property results_and_failures_keep_child_order() => GroupLaws.OrderIsKept(Wide);

    [Property(MaxTest = 200)]
    public Property group_caused_cancellations_are_never_reported() => GroupLaws.GroupCausedCancellationsAreNeverReported(Wide);

    [Property(MaxTest = 200)]
    public Property nothing_is_left_unobserved() => GroupLaws.NothingIsLeftUnobserved();

    [Property(MaxTest = 200)]
    public Property C1_a_deadline_joins_its_effect() => GroupLaws.TimeoutsJoinTheirEffect(Wide);

    [Property(MaxTest = 200)]
    public Property C2_C3_only_the_deadlines_own_cancellation_is_a_timeout() => GroupLaws.OnlyTheDeadlinesCancellationIsATimeout(Wide);

    [Property(MaxTest = 200)]
    public Property C4_no_cancel_from_outside_reaches_a_shielded_effect() => GroupLaws.ShieldedCleanupRunsToItsEnd(Wide);

    [Property(MaxTest = 200)]
    public Property S1_a_stream_pulls_its_source_only_as_it_admits_the_items() => GroupLaws.StreamsPullOnlyAsAdmitted(Wide);

    [Property(MaxTest = 300)]
    public Property no_child_spawned_after_shutdown_ever_runs() =>
        GroupLaws.SpawnsAfterShutdownNeverRun(FaultPlanSizes.Default with { MaxChildren = 6, MaxNestedChildren = 5 });
}
