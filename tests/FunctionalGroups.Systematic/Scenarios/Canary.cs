using FunctionalGroups.Systematic.Harness;
using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Systematic.Scenarios;

/// <summary>
/// A deliberately broken "group" run through the same harness and laws: it fails fast on the first failure but
/// returns without joining the siblings (the bug every naive <c>WhenAny</c>-based fan-out has). The exploration must
/// find it and its saved schedule must replay it; otherwise the harness could not fail, and its green means nothing.
/// </summary>
static class Canary
{
    public static async Task BrokenGroupLeavesAChildRunning()
    {
        var ledger = new Ledger();
        var probe = ledger.Group("the broken group");
        var children = new[]
        {
            Children.Tracked(probe, 0, async _ =>
            {
                await Task.Yield();
                return Fin<int>.Fail(Error.New(1, "first child failed"));
            }),
            Children.Tracked(probe, 1, async _ =>
            {
                await Task.Yield();
                await Task.Yield();
                return 2;
            }),
        };
        var running = children.Select(c => c.Run(default(GroupRuntime)).AsTask()).ToList();
        while (running.Count > 0)
        {
            var first = await Task.WhenAny(running);
            if ((await first).IsFail) break; // fail fast... and abandon the sibling: the bug
            running.Remove(first);
        }
        probe.Returned();
        await Task.WhenAll(running);
    }
}
