using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The law checks over a finished run (all but <see cref="GroupLaw.NothingIsLeftUnobserved"/>, which needs
/// the garbage collector and lives in <see cref="Unobserved"/>).</summary>
internal static partial class LawChecks
{
    public static void Check(FaultRun run, GroupLaw law, List<LawViolation> into)
    {
        var checker = new Checker(run, into);
        switch (law)
        {
            case GroupLaw.NoChildOutlivesItsGroup: checker.NoneOutlives(); break;
            case GroupLaw.OrderIsKept: checker.Order(); break;
            case GroupLaw.SpawnsAfterShutdownNeverRun: checker.Spawns(); break;
            case GroupLaw.StartOrderIsKept: checker.StartOrder(); break;
            case GroupLaw.ContextFlowsAndNothingLeaks: checker.Context(); break;
            case GroupLaw.SpawnReturnsPromptly: checker.Prompt(); break;
            case GroupLaw.JoinGivesTheChildsFailure: checker.JoinGivesFailure(); break;
            case GroupLaw.JoinCyclesFailClearly: checker.JoinCycles(); break;
            case GroupLaw.TimeoutsJoinTheirEffect: checker.ScopesJoin(); break;
            case GroupLaw.OnlyTheDeadlinesCancellationIsATimeout: checker.Deadlines(); break;
            case GroupLaw.ShieldedCleanupRunsToItsEnd: checker.Shields(); break;
            case GroupLaw.StreamsPullOnlyAsAdmitted: checker.StreamPulls(); break;
            default: Shared(run, law, into); break;
        }
    }

    /// <summary>The laws whose check is the same for a plan run and an injection run.</summary>
    public static void Shared(IRunView run, GroupLaw law, List<LawViolation> into)
    {
        switch (law)
        {
            case GroupLaw.GroupEnds: Ends(run, into); break;
            case GroupLaw.EveryFailureIsReportedOnce: EveryFailureOnce(run, into); break;
            case GroupLaw.GroupCausedCancellationsAreNeverReported: CancellationsUnreported(run, into); break;
            case GroupLaw.EveryValueAndEveryCancellerIsHandled: EveryValueAndCanceller(run, into); break;
        }
    }

    static void Ends(IRunView run, List<LawViolation> into)
    {
        if (!run.Ended && run.StuckJoins.Count > 0)
            into.Add(V(run, GroupLaw.GroupEnds, -1, $"the run cannot make progress: {string.Join(", ", run.StuckJoins.Select(j => $"#{j.Member} waits to join #{j.Target}"))} at step {run.Steps}, and no step or event is left to release them"));
        else if (!run.Ended)
            into.Add(V(run, GroupLaw.GroupEnds, -1, run.Stuck.Count > 0
                ? $"the group never ended: {string.Join(", ", run.Stuck.Select(n => $"#{n} ({run.Describe(n)})"))} still wait(s) for a cancellation at step {run.Steps}, and nothing is left to cancel them"
                : $"the group had not ended after {FaultRun.MaxSteps} steps"));
    }

    static void EveryFailureOnce(IRunView run, List<LawViolation> into)
    {
        const GroupLaw law = GroupLaw.EveryFailureIsReportedOnce;
        if (!run.Ended) return;
        var injected = run.Injected;
        var failure = run.Failure;
        if (failure is not GroupError group)
        {
            foreach (var (member, f) in injected)
                into.Add(V(run, law, member, $"injected {Name(f)}, but the outcome {(failure is null ? "is a success" : $"is {failure.GetType().Name} '{failure.Message}', not a GroupError")}"));
            return;
        }
        var leaves = group.Leaves.ToArray();
        var seen = leaves.Select(Identity).ToArray();
        // Counted, not matched by instance alone: members may share one error value (G18).
        foreach (var same in injected.GroupBy(static p => p.Failure, ReferenceEqualityComparer.Instance))
        {
            var f = same.Key!;
            var expected = same.Count();
            var times = seen.Count(s => ReferenceEquals(s, f));
            // A root timeout adds Errors.TimedOut, the very instance a timed-out failAfter raises (C2): one more is its.
            if (times == expected + 1 && run.TimeoutReached && ReferenceEquals(f, Identity(Errors.TimedOut))) continue;
            if (times != expected)
                into.Add(V(run, law, same.First().Member, times == 0
                    ? $"injected {Name(f)}, missing from the GroupError ({leaves.Length} leaves)"
                    : expected == 1 ? $"injected {Name(f)}, reported {times} times"
                    : $"injected {Name(f)}, one value shared by {expected} members ({string.Join(", ", same.Select(static p => $"#{p.Member}"))}), reported {times} times"));
        }
        for (var i = 0; i < leaves.Length; i++)
        {
            var s = seen[i];
            if (injected.Any(p => ReferenceEquals(p.Failure, s))) continue;
            if (run.TimeoutReached && leaves[i].Is(Errors.TimedOut)) continue;
            into.Add(V(run, law, -1, $"leaf {i} of the GroupError, {leaves[i].GetType().Name} '{leaves[i].Message}', is not a failure any child injected"));
        }
    }

    static void CancellationsUnreported(IRunView run, List<LawViolation> into)
    {
        const GroupLaw law = GroupLaw.GroupCausedCancellationsAreNeverReported;
        if (!run.Ended) return;
        var failure = run.Failure;
        var injected = run.Injected.Count > 0;
        if (failure is GroupError group)
        {
            foreach (var leaf in group.Leaves.Where(IsCancellation))
                into.Add(V(run, law, -1, $"a cancellation is reported as a failure: {leaf.GetType().Name} '{leaf.Message}'"));
            if (!injected) into.Add(V(run, law, -1, "no child injected a failure, yet the outcome is a GroupError"));
            return;
        }
        if (injected)
        {
            into.Add(V(run, law, -1, $"a failure was injected, yet the outcome is {(failure is null ? "a success" : $"{failure.GetType().Name} '{failure.Message}'")}: the GroupError must win"));
            return;
        }
        if (failure is null) return;
        var allowed = (run.OuterCancelled && failure.Is(Errors.Cancelled)) || (run.TimeoutReached && failure.Is(Errors.TimedOut));
        if (!allowed)
            into.Add(V(run, law, -1, $"nothing failed{(run.OuterCancelled ? " and the caller cancelled" : run.TimeoutReached ? " and the timeout expired" : " and nothing cancelled the group")}, yet the outcome is {failure.GetType().Name} '{failure.Message}'"));
    }

    static LawViolation V(IRunView run, GroupLaw law, int member, string message) => new(law, member, message, run.MembersAreCalls);

    static string Name(object failure) => failure switch
    {
        Exception e => $"{e.GetType().Name} '{e.Message}'",
        Error e => $"{e.GetType().Name} '{e.Message}'",
        _ => failure.ToString() ?? "",
    };

    /// <summary>What a reported failure is, for comparing with what was injected (see <see cref="Failures.Identity"/>).</summary>
    public static object Identity(Error error) => Failures.Identity(error);

    /// <summary>True for what G13 calls a cancellation (and a refused spawn, which carries its code).</summary>
    public static bool IsCancellation(Error error) =>
        NamedError.Unnamed(error) is var e && (e.Is(Errors.Cancelled) || (e is Exceptional x && x.ToException() is OperationCanceledException));

    sealed partial class Checker(FaultRun run, List<LawViolation> into)
    {
        readonly PlanLayout layout = run.Plan.Layout;

        void Broken(GroupLaw law, int node, string message) => into.Add(new LawViolation(law, node, message));

        string Describe(int node) => $"{layout.Nodes[node]}";

        Error? Failure => ((IRunView)run).Failure;

        public void NoneOutlives()
        {
            const GroupLaw law = GroupLaw.NoChildOutlivesItsGroup;
            if (!run.Ended) return;
            for (var g = 0; g < layout.Nodes.Count; g++)
            {
                if (layout.Nodes[g] is not FaultGroup) continue;
                var probe = run[g];
                var below = Enumerable.Range(g + 1, layout.End(g) - g - 1);
                if (!probe.Started)
                {
                    foreach (var n in below.Where(n => run[n].Started))
                        Broken(law, n, $"started, though its group #{g} never did");
                    continue;
                }
                if (!probe.Ended)
                {
                    Broken(law, g, "the group started and its effect never ended");
                    continue;
                }
                if (probe.LiveAtEnd != 0) Broken(law, g, $"the group's effect ended with {probe.LiveAtEnd} member(s) below it still running");
                foreach (var n in below.Where(n => run[n].Started))
                {
                    if (!run[n].Ended) Broken(law, n, $"({Describe(n)}) started and never ended, yet its group #{g} ended");
                    else if (run[n].End > probe.End) Broken(law, n, $"({Describe(n)}) ended at mark {run[n].End}, after its group #{g} ended at mark {probe.End}");
                }
            }
        }

        public void Order()
        {
            const GroupLaw law = GroupLaw.OrderIsKept;
            if (!run.Ended) return;
            if (run.Result.IsSucc)
            {
                var values = run.Result.Match(Succ: static v => v.ToArray(), Fail: static _ => []);
                // A moveOnAfter that moved on gives no values: its body's are missing (C2).
                var movedOn = run.Scopes.Where(static s => s.Value.MovedOn).Select(static s => s.Key).ToArray();
                var expected = layout.ExpectedValues().Where(v => !movedOn.Any(m => v > m && v < layout.End(m))).ToArray();
                if (run.ExplicitCancels.Count > 0)
                {
                    // An explicitly cancelled scope succeeds without the values of the members it cancelled: what is
                    // left must still come in child order.
                    if (values.Except(expected).Any() || Enumerable.Range(1, Math.Max(0, values.Length - 1)).Any(i => values[i - 1] >= values[i]))
                        Broken(law, -1, $"the values are [{string.Join(",", values)}], not a part of the value-giving nodes in child order [{string.Join(",", expected)}]");
                }
                else if (!values.SequenceEqual(expected))
                    Broken(law, -1, $"the values are [{string.Join(",", values)}], not the value-giving nodes in child order [{string.Join(",", expected)}]");
                return;
            }
            if (Failure is GroupError group) Entries(group, 0);
        }

        /// <summary>One entry per failing member of group <paramref name="g"/>, in child (spawn) order; a named
        /// member's entry carries its name; a nested group's entry is its own GroupError, checked the same way.</summary>
        void Entries(GroupError error, int g)
        {
            const GroupLaw law = GroupLaw.OrderIsKept;
            var entries = error.Errors.ToList();
            // A failure a cancellation callback raised belongs to no member's place (it comes from the canceller's
            // call): its entries are left out of the order, as their members are; G3 and G18 count them.
            var callbackFailures = Enumerable.Range(0, layout.Nodes.Count)
                .Where(n => layout.Nodes[n] is FaultLeaf { Behaviour: Behaviour.ThrowOnCancel } && run[n].Injected is not null)
                .Select(n => run[n].Injected!)
                .ToArray();
            bool FromCallback(Error e) => callbackFailures.Any(f => ReferenceEquals(f, Identity(e)));
            entries.RemoveAll(e => FromCallback(e) || (NamedError.Unnamed(e) is GroupError nested && nested.Leaves.All(FromCallback)));
            var failing = Members(g).Where(m => layout.Nodes[m] is not FaultLeaf { Behaviour: Behaviour.ThrowOnCancel } && Injected(m)).ToArray();
            // A timeout is the root's last entry, one more than its failing members (a timed-out failAfter member gives
            // the same Errors.TimedOut), and counts as one more task in its Total.
            var timedOut = g == 0 && run.TimeoutReached && entries.Count == failing.Length + 1 && entries[^1].Is(Errors.TimedOut);
            if (timedOut) entries.RemoveAt(entries.Count - 1);
            if (entries.Count != failing.Length)
            {
                Broken(law, g, $"{entries.Count} entries, but {failing.Length} member(s) failed ({string.Join(", ", failing.Select(m => $"#{m}"))}); a nested group only cancelled adds none");
                return;
            }
            if (((FaultGroup)layout.Nodes[g]).Shape == GroupShape.All && !timedOut && error.Total != layout.Below(g).Count())
                Broken(law, g, $"Total is {error.Total}, the group has {layout.Below(g).Count()} children");
            for (var i = 0; i < failing.Length; i++) Entry(g, i, failing[i], entries[i]);
        }

        /// <summary>Entry <paramref name="i"/> of group <paramref name="g"/>, the failure of <paramref name="member"/>:
        /// its name, then a nested group's own GroupError, a timed-out failAfter's <c>Errors.TimedOut</c>, a cancel
        /// scope's body's failure passed on, or the member's own failure.</summary>
        void Entry(int g, int i, int member, Error entry)
        {
            const GroupLaw law = GroupLaw.OrderIsKept;
            if (layout.Nodes[member].Name is { } name)
            {
                if (entry is not NamedError named || named.Name != name)
                {
                    Broken(law, member, $"entry {i} of group #{g} should carry the name '{name}', it is {entry.GetType().Name} '{entry.Message}'");
                    return;
                }
                entry = named.Error;
            }
            switch (layout.Nodes[member])
            {
                case FaultGroup:
                    if (entry is GroupError nested) Entries(nested, member);
                    else Broken(law, member, $"entry {i} of group #{g}: the nested group failed, its entry is {entry.GetType().Name} '{entry.Message}', not its GroupError");
                    break;
                case FaultCancelScope when run[member].Injected is null:
                    Entry(g, i, member + 1, entry);
                    break;
                default:
                    if (!ReferenceEquals(Identity(entry), run[member].Injected))
                        Broken(law, member, $"entry {i} of group #{g} is '{entry.Message}', not this member's failure: out of child order");
                    break;
            }
        }

        /// <summary>The members of a group: its children for All and a stream; for a scope, every accepted spawn, in spawn
        /// order.</summary>
        IEnumerable<int> Members(int g) =>
            ((FaultGroup)layout.Nodes[g]).Shape != GroupShape.Scope
                ? layout.Below(g)
                : run.Spawns.Where(s => s.Scope == g && s.Refusal is null).Select(static s => s.Node);

        /// <summary>True when a failure was injected by the member, or by a node below it (for a nested group).</summary>
        bool Injected(int member) =>
            layout.Nodes[member] switch
            {
                FaultLeaf or FaultJoin => run[member].Injected is not null,
                FaultGroup or FaultCancelScope => Enumerable.Range(member, layout.End(member) - member)
                    .Any(n => run[n].Injected is not null && layout.Nodes[n] is not FaultLeaf { Behaviour: Behaviour.ThrowOnCancel }),
                _ => false,
            };

        public void Spawns()
        {
            const GroupLaw law = GroupLaw.SpawnsAfterShutdownNeverRun;
            if (!run.Ended) return;
            foreach (var s in run.Spawns)
            {
                if (s.ShuttingDownBefore && s.Refusal is not SpawnRefusedError { IsShuttingDown: true })
                    Broken(law, s.Node, $"spawned by #{s.Spawner} while scope #{s.Scope} was shutting down, yet {(s.Refusal is null ? "accepted" : $"refused with '{s.Refusal.Message}'")}");
                if (s.Refusal is not null && run[s.Node].Started)
                    Broken(law, s.Node, $"its spawn was refused ('{s.Refusal.Message}'), yet it ran");
                // Under a limit an accepted child may wait for a slot, and is then skipped if the scope shuts down (G2).
                if (s.Refusal is null && !run[s.Node].Started && run.Plan.MaxParallelism is null)
                    Broken(law, s.Node, $"its spawn into scope #{s.Scope} was accepted, yet it never ran");
            }
        }
    }
}
