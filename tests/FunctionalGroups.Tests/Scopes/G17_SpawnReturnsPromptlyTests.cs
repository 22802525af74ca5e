using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G17: <c>Spawn</c> runs at most the child's synchronous prefix on the spawner's turn, never the work of the
/// child's own descendants: a subtree that keeps spawning cannot starve the body before its next spawn.
/// </summary>
public class G17_SpawnReturnsPromptlyTests
{
    /// <summary>Hydras stop growing here, so that a regression ends (and fails) instead of growing for ever.</summary>
    const int Cap = 100_000;

    /// <summary>
    /// A subtree that keeps spawning. Every head but the first waits for <paramref name="grow"/> before it counts itself
    /// and spawns two more, so what happens before the body's next spawn is decided by the engine alone, never by how
    /// the OS schedules the body's thread against the thread pool.
    /// </summary>
    sealed class Hydra(GroupScope<GroupRuntime, int> scope, bool yieldFirst, Task grow, Func<bool> onBodyTurn)
    {
        public int Started;
        public int StartedOnBodyTurn;

        /// <summary>(Notes whether it starts on the body's turn; waits for the gate unless first;) counts itself;
        /// (yields, under the test's own context;) spawns two more like itself; ends.</summary>
        public Aff<GroupRuntime, int> Head(bool first = false) => Body(async _ =>
        {
            if (onBodyTurn()) Interlocked.Increment(ref StartedOnBodyTurn);
            if (!first) await grow.ConfigureAwait(false);
            var n = Interlocked.Increment(ref Started);
            if (yieldFirst) await Task.Yield();
            if (n < Cap)
            {
                scope.SpawnNow(Head());
                scope.SpawnNow(Head());
            }
            return 0;
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task G17_a_hydra_spawned_before_a_failing_sibling_cannot_starve_the_body_and_stays_bounded(bool yieldFirst)
    {
        for (var round = 0; round < 20; round++)
        {
            var boom = new InvalidOperationException($"the sibling, round {round}");
            var grow = Kids.Gate();
            Thread? bodyThread = null;
            var inFirstSpawn = 0;
            Hydra? hydra = null;
            var spawnReturned = false;
            var scope = Group.Scope<int>(s =>
            {
                hydra = new Hydra(s, yieldFirst, grow.Task,
                    () => Thread.CurrentThread == bodyThread && Volatile.Read(ref inFirstSpawn) == 1);
                return from _1 in Aff<GroupRuntime, Unit>.EffectMaybe(_ =>
                       {
                           bodyThread = Thread.CurrentThread;
                           Volatile.Write(ref inFirstSpawn, 1);
                           return ValueTask.FromResult(Fin<Unit>.Succ(Prelude.unit));
                       })
                       from heads in s.Spawn(hydra.Head(first: true))
                       from _2 in Aff<GroupRuntime, Unit>.EffectMaybe(_ =>
                       {
                           Volatile.Write(ref inFirstSpawn, 0);
                           spawnReturned = true;
                           return ValueTask.FromResult(Fin<Unit>.Succ(Prelude.unit));
                       })
                       from failing in s.Spawn(Kids.Fails(boom, yields: 0))
                       // The sibling failed inside its spawn (it fails as it starts): the scope is shutting down, and
                       // only now may the hydra grow; every spawn it makes from here is refused.
                       from _3 in Aff<GroupRuntime, Unit>.EffectMaybe(_ =>
                       {
                           grow.SetResult();
                           return ValueTask.FromResult(Fin<Unit>.Succ(Prelude.unit));
                       })
                       select 0;
            });

            var error = (await scope.RunAsync()).Group();
            Assert.True(spawnReturned);
            Assert.Same(boom, Assert.Single(error.Errors).ToException());
            // G17: the body's spawn ran the first head's prefix only, never the heads that prefix spawned.
            Assert.True(hydra!.StartedOnBodyTurn == 1, $"round {round}: {hydra.StartedOnBodyTurn} heads started on the body's turn");
            // Bounded: the first head, and at most the two it spawned before the shutdown (their own spawns are refused).
            Assert.True(hydra.Started <= 3, $"round {round}: {hydra.Started} hydra heads started");
        }
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(4, null)]
    // Under a limit the child ends inside its start and frees its slot while the body's spawn is still draining the
    // queue: the grandchildren it queued must still not start there (found by the kit's G17 law).
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    public async Task G17_the_child_s_prefix_runs_on_the_spawner_s_turn_but_never_its_grandchild_s(int grandchildren, int? limit)
    {
        for (var round = 0; round < 100; round++)
        {
            Thread? bodyThread = null;
            var inBodySpawn = 0;
            var childInline = false;
            var grandchildOnBodyTurn = 0;
            var grandchildrenRan = 0;
            GroupScope<GroupRuntime, int>? scope = null;

            bool OnBodyTurn() => Thread.CurrentThread == bodyThread && Volatile.Read(ref inBodySpawn) == 1;

            // No await before the spawns: all of this is the child's synchronous prefix.
            var child = Body(_ =>
            {
                childInline = OnBodyTurn();
                for (var i = 0; i < grandchildren; i++)
                    scope!.SpawnOrThrow(Body(_ =>
                    {
                        if (OnBodyTurn()) Interlocked.Increment(ref grandchildOnBodyTurn);
                        Interlocked.Increment(ref grandchildrenRan);
                        return Task.FromResult(0);
                    }));
                return Task.FromResult(0);
            });

            var group = Group.Scope<int>(s =>
            {
                scope = s;
                return Body(_ =>
                {
                    bodyThread = Thread.CurrentThread;
                    Volatile.Write(ref inBodySpawn, 1);
                    s.SpawnOrThrow(child);
                    Volatile.Write(ref inBodySpawn, 0);
                    return Task.FromResult(1);
                });
            }, GroupOptions.Default with { MaxParallelism = limit });

            Assert.Equal(1, (await group.RunAsync()).Value());
            Assert.True(childInline, $"round {round}: the child's prefix did not run before Spawn returned");
            Assert.Equal(0, grandchildOnBodyTurn);
            Assert.Equal(grandchildren, grandchildrenRan);
        }
    }
}
