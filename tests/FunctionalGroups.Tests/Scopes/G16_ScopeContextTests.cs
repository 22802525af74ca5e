using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G16: a spawned child runs in its spawner's ExecutionContext as it was at the spawn, also when it starts later under
/// a limit on another thread; a child's own AsyncLocal writes never reach its spawner or its siblings.
/// </summary>
public class G16_ScopeContextTests
{
    static readonly AsyncLocal<string?> Tag = new();

    const int Rounds = 50;

    [Fact]
    public async Task G16_a_child_started_later_under_a_limit_by_an_ending_sibling_sees_its_spawner_s_context()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var release = Kids.Gate();
            string? firstSaw = null, laterSaw = null, laterStarterSaw = null;
            var scope = Group.Scope<int>(s => Body(async _ =>
            {
                Tag.Value = "body-1";
                var first = s.SpawnOrThrow(Body(async _ =>
                {
                    firstSaw = Tag.Value;
                    await release.Task.ConfigureAwait(false);
                    // It ends on a pool thread, in a context of its own with another value: it starts the next child.
                    Tag.Value = "first-child";
                    return 1;
                }));
                Tag.Value = "body-2";
                var later = s.SpawnOrThrow(Aff<GroupRuntime, int>.EffectMaybe(_ =>
                {
                    laterSaw = Tag.Value;
                    return ValueTask.FromResult(Fin<int>.Succ(2));
                }));
                Assert.True(later.Result.IsNone);   // the limit holds it back until the first child ends
                Tag.Value = "body-3";
                release.SetResult();
                var x = await first.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false);
                var y = await later.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false);
                laterStarterSaw = Tag.Value;
                return x.Value() + y.Value();
            }), new GroupOptions { MaxParallelism = 1 });

            Assert.Equal(3, (await scope.RunAsync()).Value());
            Assert.Equal("body-1", firstSaw);
            Assert.Equal("body-2", laterSaw);
            Assert.Equal("body-3", laterStarterSaw);
        }
    }

    [Fact]
    public async Task G16_a_child_spawned_by_a_child_under_a_limit_sees_its_spawner_child_s_context_at_the_spawn()
    {
        for (var round = 0; round < Rounds; round++)
        {
            string? grandchildSaw = null;
            var scope = Group.Scope<int>(s =>
                from spawner in s.Spawn(Body(async _ =>
                {
                    await PoolYield.Yield();
                    Tag.Value = "spawner";
                    s.SpawnOrThrow(Aff<GroupRuntime, int>.EffectMaybe(_ =>
                    {
                        grandchildSaw = Tag.Value;
                        return ValueTask.FromResult(Fin<int>.Succ(0));
                    }));
                    Tag.Value = "spawner-after";
                    await PoolYield.Yield();
                    return 0;
                }))
                select 0, new GroupOptions { MaxParallelism = 1 });

            Assert.Equal(0, (await scope.RunAsync()).Value());
            Assert.Equal("spawner", grandchildSaw);
        }
    }

    public static TheoryData<int?> Limits => new() { null, 1, 2 };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G16_a_child_s_synchronous_AsyncLocal_write_reaches_neither_the_body_after_Spawn_nor_later_siblings(int? limit)
    {
        for (var round = 0; round < Rounds; round++)
        {
            string? bodyAfterSpawn = null, siblingSaw = null, childSaw = null;
            var scope = Group.Scope<int>(s => Body(async _ =>
            {
                Tag.Value = "body";
                // Not an async method: a write here is not undone by an async method's return, only by the engine.
                s.SpawnOrThrow(Aff<GroupRuntime, int>.EffectMaybe(_ =>
                {
                    childSaw = Tag.Value;
                    Tag.Value = "child";
                    return ValueTask.FromResult(Fin<int>.Succ(1));
                }));
                bodyAfterSpawn = Tag.Value;
                var sibling = s.SpawnOrThrow(Aff<GroupRuntime, int>.EffectMaybe(_ =>
                {
                    siblingSaw = Tag.Value;
                    return ValueTask.FromResult(Fin<int>.Succ(2));
                }));
                return (await sibling.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false)).Value();
            }), limit is null ? GroupOptions.Default : new GroupOptions { MaxParallelism = limit });

            Assert.Equal(2, (await scope.RunAsync()).Value());
            Assert.Equal("body", childSaw);
            Assert.Equal("body", bodyAfterSpawn);
            Assert.Equal("body", siblingSaw);
        }
    }

    [Fact]
    public async Task G16_a_child_s_write_in_a_bind_after_its_spawn_reaches_neither_the_body_nor_later_siblings()
    {
        for (var round = 0; round < Rounds; round++)
        {
            string? bodyAfterSpawn = null, siblingSaw = null;
            var scope = Group.Scope<int>(s => Body(async _ =>
            {
                Tag.Value = "body";
                s.SpawnOrThrow(
                    from a in Aff<GroupRuntime, int>.EffectMaybe(_ => ValueTask.FromResult(Fin<int>.Succ(1)))
                    from b in Aff<GroupRuntime, int>.EffectMaybe(_ =>
                    {
                        Tag.Value = "child";
                        return ValueTask.FromResult(Fin<int>.Succ(a));
                    })
                    select b);
                bodyAfterSpawn = Tag.Value;
                var sibling = s.SpawnOrThrow(Aff<GroupRuntime, int>.EffectMaybe(_ =>
                {
                    siblingSaw = Tag.Value;
                    return ValueTask.FromResult(Fin<int>.Succ(2));
                }));
                return (await sibling.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false)).Value();
            }));

            Assert.Equal(2, (await scope.RunAsync()).Value());
            Assert.Equal("body", bodyAfterSpawn);
            Assert.Equal("body", siblingSaw);
        }
    }
}
