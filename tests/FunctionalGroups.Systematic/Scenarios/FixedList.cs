using FunctionalGroups.Systematic.Harness;
using LanguageExt;
using LanguageExt.Common;
using Microsoft.Coyote.Specifications;

namespace FunctionalGroups.Systematic.Scenarios;

/// <summary>The policies over a fixed list of children that the scenarios explore.</summary>
enum Policy { All, Validate, Settle, Race }

/// <summary>
/// One fixed-list scenario: generated children (every <see cref="Kind"/>, nested groups included) under a policy, an
/// optional limit and one canceller from outside, run to its end under Coyote; then the laws.
/// </summary>
static class FixedList
{
    public static async Task Run(Policy policy, Outside outside, int? limit = null, int maxChildren = 4, int depth = 1, Kind[]? palette = null)
    {
        ControlledPool.Install();
        var ledger = new Ledger();
        var draw = new Draw();
        var probe = ledger.Group("the group");
        // A child may wait for a cancel only when one is certain to come whatever the children do.
        var children = new Children(ledger, draw, cancelIsCertain: outside is not Outside.None, palette);
        var kids = children.Generate(probe, 1 + draw.Below(maxChildren), depth);
        using var outsiders = new Outsiders(outside, limit);
        var group = Build(policy, kids, outsiders.Options);

        if (outside is Outside.ParentGroup)
        {
            var sibling = ledger.Group("the parent group");
            var failing = Harness.Children.Tracked(sibling, 1, async _ =>
            {
                await Task.Yield();
                var e = Error.New(9999, "the parent group's other child failed");
                ledger.Raise(e);
                return Fin<int>.Fail(e);
            });
            var nested = Harness.Children.Tracked(sibling, 0, async rt =>
            {
                var inner = await group.Run(rt);
                probe.Returned();
                return inner.Map(static _ => 0);
            });
            var outcome = await Group.All(nested, failing).Run(outsiders.Runtime);
            sibling.Returned();
            await outsiders.Settled();
            Laws.StartedInOrder(probe);
            Laws.EveryFailureExactlyOnce(outcome, ledger, outsiders.Allowances());
            Specification.Assert(outcome.IsFail, "G2: the parent group's other child failed, so it must fail");
            return;
        }

        var fin = await group.Run(outsiders.Runtime);
        probe.Returned();
        await outsiders.Settled();

        Laws.StartedInOrder(probe);
        var allowances = outsiders.Allowances(someMayGoUnreported: policy is Policy.Race);
        switch (policy)
        {
            case Policy.All or Policy.Validate:
                Laws.EveryFailureExactlyOnce(fin, ledger, allowances);
                OutcomeOfAll(fin, ledger, probe, kids.Length, outsiders.Parent.IsCancellationRequested, outsiders.Time.Fired);
                break;
            case Policy.Settle:
                OutcomeOfSettle(fin, ledger, probe, kids.Length, allowances);
                break;
            case Policy.Race:
                Laws.EveryFailureExactlyOnce(fin, ledger, allowances);
                OutcomeOfRace(fin, ledger, probe, kids.Length);
                break;
        }
    }

    /// <summary>Every policy's result as the per-child outcomes it gives (All and Validate: all successes; Race: the
    /// winner's), so one set of laws reads them.</summary>
    static Aff<GroupRuntime, Seq<Fin<int>>> Build(Policy policy, Aff<GroupRuntime, int>[] kids, GroupOptions options) =>
        policy switch
        {
            Policy.All => Group.All(kids.ToSeq(), options).Map(static values => values.Map(Fin<int>.Succ)),
            Policy.Validate => Group.Validate(kids.ToSeq(), options).Map(static values => values.Map(Fin<int>.Succ)),
            Policy.Settle => Group.Settle(kids.ToSeq(), options),
            Policy.Race => Group.Race(kids.ToSeq(), options).Map(static v => Prelude.Seq1(Fin<int>.Succ(v))),
            _ => throw new ArgumentOutOfRangeException(nameof(policy)),
        };

    /// <summary>G3/G4/G5/G7 for <c>All</c> and <c>Validate</c>: a real failure gives a <see cref="GroupError"/>;
    /// with none, every child succeeded gives their values in order, and anything else is the outside canceller's
    /// own error alone.</summary>
    static void OutcomeOfAll(Fin<Seq<Fin<int>>> fin, Ledger ledger, GroupProbe probe, int count, bool parentCancelled, bool timedOut)
    {
        if (ledger.Raised.Count > 0)
        {
            Specification.Assert(fin.IsFail && (Error)fin is GroupError, $"G4: real failures must come as a GroupError: {Laws.Show(fin)}");
            return;
        }
        var values = new int[count];
        var allSucceeded = true;
        for (var i = 0; i < count && allSucceeded; i++) allSucceeded = probe.Succeeded(i, out values[i]);
        if (allSucceeded)
        {
            Specification.Assert(fin.IsSucc, $"G7: every child succeeded, so the group does: {Laws.Show(fin)}");
            var got = ((Seq<Fin<int>>)fin).Map(static f => (int)f).ToArray();
            Specification.Assert(got.SequenceEqual(values), $"G5: values {string.Join(",", got)}, children gave {string.Join(",", values)}");
            return;
        }
        Specification.Assert(fin.IsFail, $"G1/G7: a child did not succeed and nothing failed, yet the group succeeded: {Laws.Show(fin)}");
        var error = (Error)fin;
        Specification.Assert(
            parentCancelled && error.Is(Errors.Cancelled) || timedOut && error.Is(Errors.TimedOut),
            $"G7: with no real failure the outcome is the canceller's own error alone, not {error}");
    }

    static void OutcomeOfSettle(Fin<Seq<Fin<int>>> fin, Ledger ledger, GroupProbe probe, int count, Laws.Allowances allow)
    {
        if (fin.IsFail)
        {
            Laws.EveryFailureExactlyOnce(fin, ledger, allow);
            return;
        }
        var fins = ((Seq<Fin<int>>)fin).ToList();
        Specification.Assert(fins.Count == count, $"Settle gave {fins.Count} outcomes for {count} children");
        var errors = fins.Where(f => f.IsFail).SelectMany(f => Laws.LeavesOf(f)).ToSeq();
        var asOne = errors.IsEmpty ? Fin<int>.Succ(0) : Fin<int>.Fail(new GroupError(errors, errors.Count));
        Laws.EveryFailureExactlyOnce(asOne, ledger, allow);
        for (var i = 0; i < count; i++)
            if (probe.Succeeded(i, out var v))
                Specification.Assert(fins[i].IsSucc && (int)fins[i] == v, $"G5: Settle's outcome {i} is {Laws.Show(fins[i])}, the child gave {v}");
    }

    static void OutcomeOfRace(Fin<Seq<Fin<int>>> fin, Ledger ledger, GroupProbe probe, int count)
    {
        var winners = Enumerable.Range(0, count).Where(i => probe.Succeeded(i, out _)).ToList();
        if (fin.IsSucc)
        {
            var value = (int)((Seq<Fin<int>>)fin).Head;
            Specification.Assert(winners.Any(i => probe.Succeeded(i, out var v) && v == value), $"Race gave {value}, which no child succeeded with");
            return;
        }
        if (winners.Count == 0 && ledger.Raised.Count > 0)
            Laws.EveryFailureExactlyOnce(fin, ledger, default);
    }
}
