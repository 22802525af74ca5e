using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>T4 under churn: captures taken while groups start and end on other threads never throw, and a run whose
/// RunAsync has returned is in no capture taken after.</summary>
public sealed class T4_CaptureChurnTests
{
    [Fact]
    public async Task T4_captures_racing_runs_never_throw_and_never_show_a_run_that_returned()
    {
        using var stop = new CancellationTokenSource();
        var captures = 0;
        var capturing = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var snapshot = GroupTree.Capture();
                _ = snapshot.ToJson();
                Interlocked.Increment(ref captures);
            }
        });
        var churn = Enumerable.Range(0, 2).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                var fin = await Group.Scope<int>(scope =>
                    from a in scope.Spawn(Kids.Ok(1), "a")
                    from b in scope.Spawn(Kids.Fails(new InvalidOperationException("x")), "b")
                    from x in a.Join
                    select x).RunAsync();
                _ = await Group.All(Kids.Ok(1).Named("p"), Kids.Hangs().Named("q"), Kids.Fails(new IOException("y"))).RunAsync();
            }
        })).ToArray();

        for (var round = 0; round < 100; round++)
        {
            var started = Kids.Gate();
            var release = Kids.Gate();
            var marker = $"marker-{round}-{Guid.NewGuid():N}";
            var run = Group.All(Prelude.Seq1(Child.FromTask(async _ =>
            {
                started.TrySetResult();
                await release.Task.ConfigureAwait(false);
                return 0;
            }).Named(marker))).RunAsync().AsTask();
            await started.Task;
            var id = Assert.Single(LiveTrees.All(GroupTree.Capture().Roots), g => g.Members.Exists(m => m.Name == marker)).Id;
            release.TrySetResult();
            await run;
            Assert.DoesNotContain(LiveTrees.All(GroupTree.Capture().Roots), g => g.Id == id);
        }
        await Task.WhenAll(churn);
        stop.Cancel();
        await capturing;
        Assert.True(Volatile.Read(ref captures) > 0);
    }
}
