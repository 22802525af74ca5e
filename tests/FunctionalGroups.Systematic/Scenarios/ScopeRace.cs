using FunctionalGroups.Systematic.Harness;
using LanguageExt;
using LanguageExt.Common;
using Microsoft.Coyote.Specifications;

namespace FunctionalGroups.Systematic.Scenarios;

/// <summary>How a generated scope body ends, after spawning its children.</summary>
enum BodyEnd
{
    /// <summary>Returns a value: the scope's end then waits for the children.</summary>
    Returns,
    /// <summary>Fails for real after a yield: its spawns race the shutdown it causes.</summary>
    Fails,
    /// <summary>Cancels the scope explicitly (G10): the scope ends with the given value and no error.</summary>
    CancelsTheScope,
    /// <summary>Joins one of its children and passes on its outcome (a joined failure is reported once).</summary>
    JoinsAChild,
}

/// <summary>
/// One scope scenario: a body that spawns generated children (yielding between spawns, so spawns race failures,
/// cancels and the scope's end), optionally a child that itself spawns into the scope, one canceller from outside,
/// and an optional limit; then the laws (G1, G3, G7, G9, G10, G15, G18).
/// </summary>
static class ScopeRace
{
    const int CancelValue = -1;

    public static async Task Run(Outside outside, int? limit = null, bool aChildSpawns = false, Kind[]? palette = null)
    {
        ControlledPool.Install();
        var ledger = new Ledger();
        var draw = new Draw();
        var spawned = ledger.Group("the scope (the body's spawns)");
        var grandchildren = ledger.Group("the scope (spawns made by a child)");
        var end = (BodyEnd)draw.Below(4);
        var cancelIsCertain = outside is not Outside.None || end is BodyEnd.Fails or BodyEnd.CancelsTheScope;
        var generator = new Children(ledger, draw, cancelIsCertain, palette);
        ChildHandle<GroupRuntime, int>? joined = null;
        Fin<int> joinGave = default;
        var kids = generator.Generate(spawned, 1 + draw.Below(4), depth: 1);
        using var outsiders = new Outsiders(outside, limit);

        var scope = Group.Scope<int>(scope => Prelude.AffMaybe<GroupRuntime, int>(async rt =>
        {
            if (aChildSpawns)
                kids[0] = Harness.Children.Tracked(spawned, 0, async childRuntime =>
                {
                    var more = generator.Generate(grandchildren, 1 + draw.Below(2), depth: 0);
                    foreach (var grandchild in more)
                    {
                        var spawn = await scope.Spawn(grandchild).Run(childRuntime);
                        if (spawn.IsFail) return Fin<int>.Fail((Error)spawn);
                    }
                    return 0;
                });
            var handles = new List<ChildHandle<GroupRuntime, int>>();
            foreach (var kid in kids)
            {
                if (draw.Chance()) await Task.Yield();
                var spawn = await scope.Spawn(kid).Run(rt);
                // G9: refused only while shutting down, and then as a cancellation the group does not report.
                if (spawn.IsFail) return Fin<int>.Fail((Error)spawn);
                handles.Add((ChildHandle<GroupRuntime, int>)spawn);
            }
            switch (end)
            {
                case BodyEnd.Fails:
                    await Task.Yield();
                    var e = Error.New(7777, "the body failed");
                    ledger.Raise(e);
                    return Fin<int>.Fail(e);
                case BodyEnd.CancelsTheScope:
                    var cancelled = await scope.Cancel(CancelValue).Run(rt);
                    return cancelled.Map(static _ => CancelValue);
                case BodyEnd.JoinsAChild:
                    joined = handles[draw.Below(handles.Count)];
                    joinGave = await joined.Join.Run(rt);
                    return joinGave;
                default:
                    return 0;
            }
        }), outsiders.Options);

        var fin = await scope.Run(outsiders.Runtime);
        spawned.Returned();
        grandchildren.Returned();
        await outsiders.Settled();

        Laws.StartedInOrder(spawned);
        Laws.EveryFailureExactlyOnce(fin, ledger, outsiders.Allowances());
        if (ledger.Raised.Count > 0)
        {
            Specification.Assert(fin.IsFail && (Error)fin is GroupError, $"G4: real failures must come as a GroupError: {Laws.Show(fin)}");
            return;
        }
        if (outside is not Outside.None) return;
        // G18: a join of a child that failed gives that very failure. Checked where nothing else can cancel the joiner
        // first: the joined child's failure is the only real failure of the run.
        if (joined?.Result.Case is Fin<int> { IsFail: true } ended && ledger.Raised is [var only] && Laws.IsTheSame((Error)ended, only))
            Specification.Assert(joinGave.IsFail && ReferenceEquals((Error)joinGave, (Error)ended),
                $"G18: Join of a child that failed with {(Error)ended} gave {Laws.Show(joinGave)}");
        if (end is BodyEnd.Returns)
            Specification.Assert(fin.IsSucc && (int)fin == 0, $"G1: nothing failed and the body returned 0, yet {Laws.Show(fin)}");
        if (end is BodyEnd.CancelsTheScope)
            Specification.Assert(fin.IsSucc && (int)fin == CancelValue, $"G10: an explicit cancel ends with its value and no error, yet {Laws.Show(fin)}");
    }
}
