using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The checks of the join laws (G18): a join gives the child's very failure; self-joins and cycles fail
/// clearly. Exactly-once with joins is <see cref="GroupLaw.EveryFailureIsReportedOnce"/>: a join member that passes a
/// joined failure on raised nothing of its own, so that failure is counted once, as its child's.</summary>
internal static partial class LawChecks
{
    sealed partial class Checker
    {
        /// <summary>G18: every join of a child that had failed (and ended) gave that very failure.</summary>
        public void JoinGivesFailure()
        {
            const GroupLaw law = GroupLaw.JoinGivesTheChildsFailure;
            var joins = run.Joins;
            foreach (var (joiner, seen) in joins.OrderBy(static j => j.Key))
            {
                if (!seen.TargetHadEnded || FailureOf(seen.Target, joins) is not { } failed) continue;
                if (seen.Failure is null)
                    Broken(law, joiner, $"joined #{seen.Target}, which had failed with {Name(failed)}, and got a value");
                else if (!ReferenceEquals(Identity(seen.Failure), failed))
                    Broken(law, joiner, $"joined #{seen.Target}, which had failed with {Name(failed)}, and got {seen.Failure.GetType().Name} '{seen.Failure.Message}'"
                        + (IsCancellation(seen.Failure) ? ": a cancellation, not the child's failure" : ": another error, not the very failure (instance) of the child"));
            }
        }

        /// <summary>The failure (identity) a member ended with, if the kit knows it: a failing leaf's injected failure, or
        /// what a join member's join gave and it passed on (a cancellation is none).</summary>
        object? FailureOf(int member, IReadOnlyDictionary<int, JoinSeen> joins) => layout.Nodes[member] switch
        {
            FaultLeaf { Behaviour: Behaviour.Fail or Behaviour.IgnoreCancelThenFail or Behaviour.FailInCleanup } => run[member].Injected,
            FaultJoin when joins.TryGetValue(member, out var seen) && seen.Failure is { } passed && !IsCancellation(passed) => Identity(passed),
            _ => null,
        };

        /// <summary>G18: each self-join and each cycle of two joins ends, and one of its joins failed with an
        /// <see cref="InvalidOperationException"/> naming the members (by the spawn index the engine gives them) — unless
        /// the scope shut down first (a join cancelled).</summary>
        public void JoinCycles()
        {
            const GroupLaw law = GroupLaw.JoinCyclesFailClearly;
            if (!run.Ended)
            {
                if (run.StuckJoins.Count > 0)
                    Broken(law, run.StuckJoins[0].Member, $"the run cannot make progress: {string.Join(", ", run.StuckJoins.Select(static j => $"#{j.Member} waits to join #{j.Target}"))}; a self-join or a cycle of joins must fail at once");
                return;
            }
            var joins = run.Joins;
            foreach (var cycle in Cycles())
            {
                var seen = cycle.Where(joins.ContainsKey).Select(m => joins[m]).ToArray();
                if (seen.Length < cycle.Length && !cycle.All(m => run[m].Started)) continue;
                if (seen.Any(static s => s.Failure is { } f && IsCancellation(f))) continue;
                var refused = seen.Select(static s => s.Failure).OfType<Error>().Where(static f => f.ToException() is InvalidOperationException).ToArray();
                var what = cycle.Length == 1 ? $"a self-join of #{cycle[0]}" : $"the cycle of joins {string.Join(" -> ", cycle.Append(cycle[0]).Select(static m => $"#{m}"))}";
                if (refused.Length == 0)
                {
                    Broken(law, cycle[0], $"{what} gave {string.Join(", ", seen.Select(static s => s.Failure is null ? "a value" : $"{s.Failure.GetType().Name} '{s.Failure.Message}'"))}, not an InvalidOperationException");
                    continue;
                }
                var message = refused[0].ToException().Message;
                var unnamed = cycle.Where(m => SpawnIndex(m) is { } i && !message.Contains($"#{i}", StringComparison.Ordinal)).ToArray();
                if (unnamed.Length > 0)
                    Broken(law, cycle[0], $"{what} failed with '{message}', which does not name {string.Join(", ", unnamed.Select(m => $"#{m} (spawn index {SpawnIndex(m)})"))}");
            }
        }

        /// <summary>The self-joins and cycles of two joins of the plan, each once (members in node order).</summary>
        IEnumerable<int[]> Cycles()
        {
            for (var n = 0; n < layout.Nodes.Count; n++)
            {
                if (layout.Nodes[n] is not FaultJoin) continue;
                var target = TargetOf(n);
                if (target == n) yield return [n];
                else if (target > n && layout.Nodes[target] is FaultJoin && TargetOf(target) == n) yield return [n, target];
            }
        }

        int TargetOf(int join) => layout.Below(layout.Parent(join)).ElementAt(((FaultJoin)layout.Nodes[join]).Target);

        /// <summary>The index the engine gave the member when its scope spawned it (its place among the scope's
        /// accepted spawns), or null when it was never spawned.</summary>
        int? SpawnIndex(int member)
        {
            var accepted = run.Spawns.Where(s => s.Scope == layout.Owner(member) && s.Refusal is null).Select(static s => s.Node).ToList();
            var i = accepted.IndexOf(member);
            return i < 0 ? null : i;
        }
    }
}
