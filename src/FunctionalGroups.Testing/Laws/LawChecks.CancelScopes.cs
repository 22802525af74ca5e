using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The checks of the cancel-scope laws (C1–C4), over what the kit saw from inside each cancel scope
/// (<see cref="ScopeSeen"/>), never over the scope's own account of itself.</summary>
internal static partial class LawChecks
{
    sealed partial class Checker
    {
        /// <summary>C1: every cancel scope that answered did so after every member below it had ended.</summary>
        public void ScopesJoin()
        {
            const GroupLaw law = GroupLaw.TimeoutsJoinTheirEffect;
            if (!run.Ended) return;
            for (var c = 0; c < layout.Nodes.Count; c++)
            {
                if (layout.Nodes[c] is not FaultCancelScope scope || !run[c].Started) continue;
                var what = $"{scope.Kind} #{c}";
                if (!run[c].Ended)
                {
                    Broken(law, c, $"{what} started and never answered");
                    continue;
                }
                if (run[c].LiveAtEnd != 0) Broken(law, c, $"{what} answered with {run[c].LiveAtEnd} member(s) below it still running: it abandoned its effect");
                for (var n = c + 1; n < layout.End(c); n++)
                {
                    if (!run[n].Started) continue;
                    if (!run[n].Ended) Broken(law, n, $"({Describe(n)}) started and never ended, yet {what} answered");
                    else if (run[n].End > run[c].End) Broken(law, n, $"({Describe(n)}) ended at mark {run[n].End}, after {what} answered at mark {run[c].End}");
                }
            }
        }

        /// <summary>C2, C3: a deadline is a timeout exactly when the kit saw its deadline cancel the body first and the
        /// body end in a cancellation; otherwise the body's outcome passes unchanged.</summary>
        public void Deadlines()
        {
            const GroupLaw law = GroupLaw.OnlyTheDeadlinesCancellationIsATimeout;
            if (!run.Ended) return;
            foreach (var (c, seen) in run.Scopes.OrderBy(static s => s.Key))
            {
                var scope = (FaultCancelScope)layout.Nodes[c];
                if (!scope.IsDeadline) continue;
                var what = $"{scope.Kind} #{c}";
                if (!seen.BodyStarted)
                {
                    if (seen.Failure is not { } f || !IsCancellation(f))
                        Broken(law, c, $"{what} never started its body (its caller was cancelled already), yet it answered {Show(seen.Failure)}, not a cancellation");
                    continue;
                }
                var why = seen.CancelledBy switch
                {
                    ScopeSeen.Deadline => seen.BodyCancelled ? "its deadline cancelled its body first and the body ended in a cancellation"
                        : $"its deadline cancelled its body first, but the body ended with {Show(seen.BodyFailure)}",
                    ScopeSeen.Caller => "its caller cancelled its body first",
                    _ => "nothing cancelled its body",
                };
                if (scope.Kind == CancelScopeKind.MoveOnAfter)
                {
                    if (seen.TimedOut != seen.MovedOn)
                        Broken(law, c, $"{what}: {why}, yet it {(seen.MovedOn ? "gave None" : $"answered {Show(seen.Failure)}, not None")}");
                    else if (!seen.MovedOn && !SameFailure(seen.Failure, seen.BodyFailure))
                        Broken(law, c, $"{what}: {why}, yet it answered {Show(seen.Failure)}, not its body's outcome {Show(seen.BodyFailure)}");
                    continue;
                }
                if (seen.TimedOut)
                {
                    if (seen.Failure is not { } f || !ReferenceEquals(Identity(f), Identity(Errors.TimedOut)))
                        Broken(law, c, $"{what}: {why}, yet it answered {Show(seen.Failure)}, not Errors.TimedOut");
                }
                else if (!SameFailure(seen.Failure, seen.BodyFailure))
                    Broken(law, c, $"{what}: {why}, yet it answered {Show(seen.Failure)}, not its body's outcome {Show(seen.BodyFailure)}");
            }
        }

        static bool SameFailure(Error? a, Error? b) =>
            a is null ? b is null : b is not null && ReferenceEquals(Identity(a), Identity(b));

        static string Show(Error? failure) => failure is null ? "a value" : $"{failure.GetType().Name} '{failure.Message}'";

        /// <summary>C4: a member below a shield saw a cancellation only when something inside the shield (its nearest)
        /// caused one: a failure raised there, a deadline there that cancelled first, an explicit cancel of a scope there.</summary>
        public void Shields()
        {
            const GroupLaw law = GroupLaw.ShieldedCleanupRunsToItsEnd;
            if (!run.Ended) return;
            var scopes = run.Scopes;
            var cancels = run.ExplicitCancels;
            for (var n = 0; n < layout.Nodes.Count; n++)
            {
                if (!run[n].SawCancellation || Shield(n) is not (>= 0 and var s)) continue;
                var inside = Enumerable.Range(s + 1, layout.End(s) - s - 1);
                var cause = inside.Any(m => run[m].Injected is not null && layout.Nodes[m] is not FaultLeaf { Behaviour: Behaviour.ThrowOnCancel })
                    || inside.Any(m => scopes.TryGetValue(m, out var seen) && seen.CancelledBy == ScopeSeen.Deadline)
                    || inside.Any(cancels.Contains);
                if (!cause)
                    Broken(law, n, $"({Describe(n)}) below shield #{s} saw a cancellation, though nothing inside the shield failed, timed out or cancelled: "
                        + $"a cancel from outside reached it ({((IRunView)run).CancellerOf(n)}?)");
            }
        }

        /// <summary>The nearest shield above <paramref name="node"/>, or -1.</summary>
        int Shield(int node)
        {
            for (var up = layout.Parent(node); up >= 0; up = layout.Parent(up))
                if (layout.Nodes[up] is FaultCancelScope { Kind: CancelScopeKind.Shield }) return up;
            return -1;
        }
    }
}
