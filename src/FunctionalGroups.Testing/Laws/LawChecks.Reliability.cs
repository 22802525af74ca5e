using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The checks of the laws G15–G18 (the rules an independent review found broken).</summary>
internal static partial class LawChecks
{
    /// <summary>G18: every failure with an odd value (shared, bottom, exceptional without an exception) or raised by a
    /// cancellation callback is reported exactly as many times as members raised it, whoever cancelled. Counted, never
    /// matched by instance alone.</summary>
    static void EveryValueAndCanceller(IRunView run, List<LawViolation> into)
    {
        const GroupLaw law = GroupLaw.EveryValueAndEveryCancellerIsHandled;
        if (!run.Ended) return;
        var injected = run.Injected;
        var reported = run.Failure switch
        {
            null => [],
            GroupError group => group.Leaves.Select(Identity).ToArray(),
            var other => new[] { Identity(other) },
        };
        foreach (var same in injected.Where(p => run.LeafOf(p.Member) is { IsOdd: true }).GroupBy(static p => p.Failure, ReferenceEqualityComparer.Instance))
        {
            var members = injected.Where(p => ReferenceEquals(p.Failure, same.Key)).Select(static p => p.Member).ToArray();
            var times = reported.Count(r => ReferenceEquals(r, same.Key));
            if (times == members.Length) continue;
            var first = same.First().Member;
            var what = run.LeafOf(first)!.Behaviour == Behaviour.ThrowOnCancel
                ? $"its cancellation callback threw {Name(same.Key!)} when {run.CancellerOf(first)} cancelled it"
                : $"failed with {Name(same.Key!)}{(members.Length > 1 ? $", one value shared by {string.Join(", ", members.Select(static m => $"#{m}"))}" : "")}";
            into.Add(V(run, law, first, $"{what}; the outcome reports it {times} time(s), not {members.Length}"));
        }
    }

    sealed partial class Checker
    {
        /// <summary>G15: the members of each group start in child order, and the members one spawner (a scope's body or a
        /// spawner member) spawned start in its spawn order; none starts after an earlier one was skipped. (Spawns by
        /// different spawners are not ordered against each other: a spawn made inside a member's synchronous start is
        /// scheduled, G17, and may start after a later spawn of the body.)</summary>
        public void StartOrder()
        {
            const GroupLaw law = GroupLaw.StartOrderIsKept;
            if (!run.Ended) return;
            for (var g = 0; g < layout.Nodes.Count; g++)
            {
                if (layout.Nodes[g] is not FaultGroup group || !run[g].Started) continue;
                var sequences = group.Shape != GroupShape.Scope
                    ? [layout.Below(g).ToArray()]
                    : run.Spawns.Where(s => s.Scope == g && s.Refusal is null).GroupBy(static s => s.Spawner).Select(static s => s.Select(static a => a.Node).ToArray()).ToArray();
                foreach (var sequence in sequences) InOrder(law, g, sequence);
            }
        }

        void InOrder(GroupLaw law, int g, int[] members)
        {
            int previous = -1, skipped = -1;
            foreach (var m in members)
            {
                if (!run[m].Started)
                {
                    if (skipped < 0) skipped = m;
                    continue;
                }
                if (skipped >= 0)
                    Broken(law, m, $"started in group #{g} though its earlier sibling #{skipped} was skipped");
                else if (previous >= 0 && run[m].Start < run[previous].Start)
                    Broken(law, m, $"started in group #{g} before its earlier sibling #{previous} (marks {run[m].Start} < {run[previous].Start})");
                previous = m;
            }
        }

        /// <summary>G16: every member starts in its caller's context (its parent's mark), and no member's own write
        /// reaches its caller or its siblings.</summary>
        public void Context()
        {
            const GroupLaw law = GroupLaw.ContextFlowsAndNothingLeaks;
            if (!run.Ended) return;
            for (var n = 0; n < layout.Nodes.Count; n++)
            {
                var probe = run[n];
                if (probe.ContextAfterStart is { } after)
                    Broken(law, n, $"a member's AsyncLocal write ({after}) reached it as its synchronous start returned: a child's write leaked into its caller");
                if (n == 0 || !probe.Started) continue;
                var caller = new ContextProbe.Mark(run.Id, layout.Parent(n));
                if (!Equals(probe.ContextAtStart, caller))
                    Broken(law, n, $"started in a context with {(probe.ContextAtStart is { } seen ? seen.ToString() : "no mark")}, not its caller's ({caller}): "
                        + (probe.ContextAtStart is null ? "the caller's context did not flow" : "a sibling's write leaked, or the context of the thread that ended another member was used"));
            }
        }

        /// <summary>G17: no spawned member starts inside the <c>Spawn</c> call of another.</summary>
        public void Prompt()
        {
            const GroupLaw law = GroupLaw.SpawnReturnsPromptly;
            if (!run.Ended) return;
            for (var n = 0; n < layout.Nodes.Count; n++)
                if (run[n].InsideSpawnOf is >= 0 and var around)
                    Broken(law, n, $"started inside the Spawn call of #{around}: the spawn ran the work of its child's descendants on the spawner's turn");
        }
    }
}
