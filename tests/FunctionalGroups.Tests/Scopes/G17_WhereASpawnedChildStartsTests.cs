using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// Where a child spawned from the body starts: on the spawner's thread, before <c>Spawn</c> returns (as an async method
/// runs up to its first await), also under a limit when a slot is free; with <c>StartOnThreadPool</c>, on the thread
/// pool instead, with or without a limit. The body waits for the child's start by an event, never by time.
/// </summary>
public class G17_WhereASpawnedChildStartsTests
{
    /// <summary>Spawns one child from the body's synchronous code and tells on which thread the child's prefix ran,
    /// and whether it had run before the spawn returned.</summary>
    static async Task<(bool SameThread, bool RanBeforeSpawnReturned)> SpawnOne(GroupOptions options)
    {
        using var started = new ManualResetEventSlim();
        var childThread = -1;
        var spawnerThread = -2;
        var ranBefore = false;
        var child = Aff<GroupRuntime, int>.EffectMaybe(_ =>
        {
            childThread = Environment.CurrentManagedThreadId;
            started.Set();
            return ValueTask.FromResult(Fin<int>.Succ(1));
        });
        var fin = await Group.Scope<int>(s => Aff<GroupRuntime, int>.EffectMaybe(_ =>
        {
            spawnerThread = Environment.CurrentManagedThreadId;
            s.SpawnOrThrow(child);
            ranBefore = started.IsSet;
            // Blocks this thread until the child started: a child sent to the pool then surely runs on another thread.
            started.Wait();
            return ValueTask.FromResult(Fin<int>.Succ(0));
        }), options).RunAsync();
        Assert.Equal(0, fin.Value());
        return (childThread == spawnerThread, ranBefore);
    }

    [Fact]
    public async Task G17_a_child_spawned_by_the_body_runs_its_prefix_on_the_spawners_thread_before_the_spawn_returns()
    {
        Assert.Equal((true, true), await SpawnOne(GroupOptions.Default));
    }

    [Fact]
    public async Task G17_under_a_limit_with_a_free_slot_a_child_spawned_by_the_body_starts_on_the_spawners_thread_too()
    {
        Assert.Equal((true, true), await SpawnOne(GroupOptions.Default with { MaxParallelism = 1 }));
    }

    [Fact]
    public async Task With_StartOnThreadPool_a_spawned_child_starts_on_the_pool()
    {
        Assert.False((await SpawnOne(GroupOptions.Default with { StartOnThreadPool = true })).SameThread);
    }

    [Fact]
    public async Task With_StartOnThreadPool_under_a_limit_a_spawned_child_starts_on_the_pool()
    {
        Assert.False((await SpawnOne(GroupOptions.Default with { StartOnThreadPool = true, MaxParallelism = 1 })).SameThread);
    }
}
