using FunctionalGroups.Engine;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>G16: the run's tag (the live tree's nesting) is in its members' context only, never in the caller's.</summary>
public sealed class G16_RunTagTests
{
    [Fact]
    public async Task G16_the_run_tag_is_seen_by_members_and_not_left_in_the_callers_context()
    {
        Assert.Null(LiveRun.Enclosing);
        LiveRun.RunTag? seenSync = null, seenAsync = null;
        var sync = Aff<GroupRuntime, int>.Effect(_ =>
        {
            seenSync = LiveRun.Enclosing;
            return new ValueTask<int>(1);
        });
        var later = Child.FromTask(async _ =>
        {
            await PoolYield.Yield();
            seenAsync = LiveRun.Enclosing;
            return 2;
        });

        var syncRun = Group.All(sync, sync).RunAsync();
        Assert.True(syncRun.IsCompleted);
        Assert.Null(LiveRun.Enclosing);
        (await Group.All(later, sync).RunAsync()).Value();
        Assert.Null(LiveRun.Enclosing);
        (await Group.Scope<int>(_ => later).RunAsync()).Value();
        Assert.Null(LiveRun.Enclosing);

        Assert.NotNull(seenSync);
        Assert.NotNull(seenAsync);
        // The tag lets go of its run once the run has ended.
        Assert.Null(seenSync!.Run);
        Assert.Null(seenAsync!.Run);
    }
}
