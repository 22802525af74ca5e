using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The laws over an injection run: the shared ones (<see cref="LawChecks.Shared"/>), and the forms of
/// <see cref="GroupLaw.NoChildOutlivesItsGroup"/> and <see cref="GroupLaw.OrderIsKept"/> for calls, whose groups the
/// kit cannot see: no call outlives the system's effect; injected failures are reported in call order.</summary>
internal static class InjectionChecks
{
    public static void Check<A>(InjectionRun<A> run, GroupLaw law, List<LawViolation> into)
    {
        if (!run.Ended) return;
        switch (law)
        {
            case GroupLaw.NoChildOutlivesItsGroup:
                for (var call = 0; call < run.Injector.Calls; call++)
                {
                    var probe = run.Injector[call];
                    if (!probe.Ended) into.Add(new LawViolation(law, call, "the call started and never ended, yet the system's effect ended", IsCall: true));
                    else if (probe.End > run.EndMark) into.Add(new LawViolation(law, call, $"the call ended at mark {probe.End}, after the system's effect ended at mark {run.EndMark}", IsCall: true));
                }
                break;

            case GroupLaw.OrderIsKept:
                if (run.Result.Match(Succ: static _ => (Error?)null, Fail: static e => e) is not GroupError group) break;
                // A failure a cancellation callback raised has no place of its own in call order.
                var injected = run.Injector.InjectedFailures().Where(p => ((IRunView)run).LeafOf(p.Call) is not { Behaviour: Behaviour.ThrowOnCancel }).ToArray();
                // Each entry is the failure of the earliest call with that instance not matched yet: one instance may
                // be injected by several calls (Errors.Bottom, a shared error), and each of its entries is one call's.
                var matched = new bool[injected.Length];
                int CallOf(object identity)
                {
                    for (var i = 0; i < injected.Length; i++)
                        if (!matched[i] && ReferenceEquals(injected[i].Failure, identity))
                        {
                            matched[i] = true;
                            return injected[i].Call;
                        }
                    return -1;
                }
                var order = group.Leaves
                    .Select(LawChecks.Identity)
                    .Select(CallOf)
                    .Where(static c => c >= 0)
                    .ToArray();
                for (var i = 1; i < order.Length; i++)
                    if (order[i] < order[i - 1])
                        into.Add(new LawViolation(law, order[i], $"its failure is reported after the failure of call {order[i - 1]}: not in call order", IsCall: true));
                break;

            default:
                LawChecks.Shared(run, law, into);
                break;
        }
    }
}
