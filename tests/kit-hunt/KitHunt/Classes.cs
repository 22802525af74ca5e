using FunctionalGroups.Testing;

namespace KitHunt;

/// <summary>
/// The twelve classes of broken guarantees the independent review found in the engine at add5bfc, each as the kit
/// vocabulary that can express it (the plan sizes the hunt generates from) and the laws that should catch it, or the
/// reason why no kit plan can express it.
/// </summary>
/// <param name="Id">The class's number, with a letter for one of several hunts of it.</param>
/// <param name="Title">What the review found.</param>
/// <param name="Sizes">The plans generated for it (null: it is not a plan).</param>
/// <param name="Laws">The laws checked.</param>
/// <param name="NotAPlan">Why no kit plan expresses it.</param>
/// <param name="Leaf">Applied to every generated leaf: narrows the vocabulary further than the sizes can.</param>
/// <param name="EarlierJoinsOnly">Joins of an earlier sibling only: a self-join or a join of a later sibling (which makes
/// the cycles of two) is made <c>ok0</c>, so that the old engine's hang on a cycle (class 8) does not hide the class
/// hunted.</param>
/// <param name="MinJoinSteps">The fewest steps a join member takes before it joins (with <see cref="EarlierJoinsOnly"/>).</param>
internal sealed record HuntClass(string Id, string Title, FaultPlanSizes? Sizes, GroupLaw[] Laws, string? NotAPlan = null, Func<FaultLeaf, FaultLeaf>? Leaf = null, bool EarlierJoinsOnly = false, int MinJoinSteps = 0)
{
    /// <summary>The plan's tree with <see cref="EarlierJoinsOnly"/> and <see cref="MinJoinSteps"/> applied.</summary>
    public FaultNode Narrow(FaultNode node) => node switch
    {
        FaultGroup g => new FaultGroup(g.Shape, g.Children.Select((c, i) =>
            c is FaultJoin j ? (EarlierJoinsOnly && j.Target >= i ? Fault.Succeed() : j with { StepsBefore = Math.Max(j.StepsBefore, MinJoinSteps) })
            : Narrow(c)).ToArray(), g.Name),
        FaultSpawner s => new FaultSpawner(s.Spawned.Select(Narrow).ToArray(), s.StepsBefore, s.Name),
        _ => node,
    };

    /// <summary>Plain small plans: only the vocabulary each class adds is turned on.</summary>
    static readonly FaultPlanSizes Plain = FaultPlanSizes.Default with
    {
        MaxChildren = 5, MaxNestedChildren = 3, MaxDepth = 2,
        Scopes = false, OddFailures = false, CancelCallbacks = false, ExplicitCancels = false, MaxParallelism = null,
    };

    /// <summary>The reporting laws (G3, G18); with each, <see cref="GroupLaw.GroupEnds"/>. A class is hunted with the laws
    /// that state its guarantee only: the old engine breaks several at once (its children's AsyncLocal writes leak into
    /// later siblings even without a limit, say), and one law's finding must not hide another's class.</summary>
    static readonly GroupLaw[] Reporting = [GroupLaw.EveryFailureIsReportedOnce, GroupLaw.EveryValueAndEveryCancellerIsHandled];

    /// <summary>Plans with throwing cancellation callbacks and no other canceller than <paramref name="only"/>'s.</summary>
    static FaultPlanSizes Callbacks(FaultPlanSizes only) => only with { CancelCallbacks = true };

    static readonly FaultPlanSizes NoOuter = Plain with { OuterCancel = false, Timeout = false };

    public static IReadOnlyList<HuntClass> All { get; } =
    [
        new("1", "odd Error values (Errors.Bottom, Exceptional without exception) while the token is cancelled",
            Plain with { OddFailures = true }, Reporting,
            Leaf: static l => l.Form == FailureForm.SharedError ? l with { Form = FailureForm.Bottom } : l),
        new("2a", "a token callback that throws: the parent cancels",
            Callbacks(Plain with { Timeout = false, Failures = false }), Reporting),
        new("2b", "a token callback that throws: the timeout cancels",
            Callbacks(Plain with { OuterCancel = false, Failures = false }), Reporting),
        new("2c", "a token callback that throws: a sibling's failure or a parent group cancels",
            Callbacks(NoOuter), Reporting),
        new("2d", "a token callback that throws: an explicit scope cancel",
            Callbacks(NoOuter with { Failures = false, Scopes = true, ExplicitCancels = true }), Reporting),
        new("3", "a scope drops a later failure that is the same Error instance as one Join handed out",
            NoOuter with { Scopes = true, Joins = true }, Reporting,
            // Every failure is the one shared error, raised by a member that ignores the cancellation (so a sibling can
            // fail with it on its own after the scope began shutting down and a join handed it out).
            // Every join begins at step 2 or later, so it can meet the end of a child that failed at step 1 rather than
            // the shutdown (a join waiting when the child fails is class 7's), and a sibling can fail after it (step 3).
            Leaf: static l => l.Fails ? l with { Behaviour = Behaviour.IgnoreCancelThenFail, Form = FailureForm.SharedError } : l,
            EarlierJoinsOnly: true, MinJoinSteps: 2),
        new("4", "start order under MaxParallelism >= 2 with synchronous children",
            Plain with { MaxParallelism = 3 }, [GroupLaw.StartOrderIsKept]),
        new("5", "ExecutionContext/AsyncLocal not flowing into later children under a limit; child writes leaking",
            Plain with { MaxParallelism = 3 }, [GroupLaw.ContextFlowsAndNothingLeaks]),
        new("6", "a spawn inside a scope not returning promptly (hydra spawner)",
            Plain with { Scopes = true }, [GroupLaw.SpawnReturnsPromptly]),
        new("7", "Join of a failed child gives TaskCanceledException",
            Plain with { Scopes = true, Joins = true }, [GroupLaw.JoinGivesTheChildsFailure], EarlierJoinsOnly: true),
        new("8", "join cycles hang (self-join)",
            Plain with { Scopes = true, Joins = true }, [GroupLaw.JoinCyclesFailClearly]),
        new("9", "100,000 scopes nested through the body overflow the stack", null, [],
            "scale: generated plans are small (depth <= MaxDepth, a few levels); a 100,000-deep plan is a hand-made stress test, not a law over generated plans"),
        new("10", "Catching/Split on 20,000-deep failure trees", null, [],
            "about except* handlers and GroupError operations on deep trees: the kit runs groups, it does not call Catching or Split, and its trees are shallow"),
        new("11", "bad input (timeout over ~49.7 days, MaxParallelism 0) not refused when built", null, [],
            "about values a user builds (GroupOptions): a plan's timeout is a few steps and its limit is checked by FaultPlan.Create itself, so no plan reaches the engine's validation"),
        new("12", "NamedError with { Error = null } throwing from Message", null, [],
            "about a value a user builds (a NamedError with a null inner error): the kit names its children with Named(name), never with a null error"),
    ];
}
