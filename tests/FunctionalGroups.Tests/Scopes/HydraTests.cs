using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>Every child spawns two more until a designated one fails: the scope still ends with that one failure.</summary>
public class HydraTests
{
    sealed class Hydra(GroupScope<GroupRuntime, int> scope, int maxDepth, int failDepth, bool failLate, Exception boom, Probe probe)
    {
        public int Grown;
        public int Accepted;
        public int Refused;
        readonly int total = (1 << (maxDepth + 1)) - 1;

        public Aff<GroupRuntime, int> Node(int depth, bool designated) => Body(async ct =>
        {
            using var _ = probe.Enter();
            Interlocked.Increment(ref Grown);
            await PoolYield.Yield();
            if (designated && depth == failDepth)
            {
                if (failLate) await Until(() => Volatile.Read(ref Grown) == total).ConfigureAwait(false);
                else for (var i = 0; i < 3; i++) await PoolYield.Yield();
                throw boom;
            }
            if (depth < maxDepth)
                for (var head = 0; head < 2; head++)
                {
                    var fin = scope.SpawnNow(Node(depth + 1, designated && head == 0));
                    if (fin.IsSucc) Interlocked.Increment(ref Accepted);
                    else
                    {
                        Assert.Same(SpawnRefusedError.ShuttingDown, fin.Error());
                        Interlocked.Increment(ref Refused);
                    }
                }
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            return 0;
        });
    }

    static async Task<(GroupError Error, Hydra Hydra)> Run(int maxDepth, int failDepth, bool failLate, Exception boom, Probe probe)
    {
        Hydra? hydra = null;
        var scope = Group.Scope<int>(s =>
        {
            hydra = new Hydra(s, maxDepth, failDepth, failLate, boom, probe);
            return from root in s.Spawn(hydra.Node(0, true))
                   from x in Body<int>(ct => HangUntilCancelled<int>(ct))
                   select x;
        });
        var error = (await scope.RunAsync()).Group();
        return (error, hydra!);
    }

    [Fact]
    public async Task Hydra_grown_to_full_size_ends_with_its_one_failure()
    {
        var boom = new InvalidOperationException("the head that fails");
        var probe = new Probe();
        var (error, hydra) = await Run(maxDepth: 8, failDepth: 8, failLate: true, boom, probe);
        var end = Probe.Tick();
        Assert.Same(boom, Assert.Single(error.Errors).ToException());
        Assert.Equal(511, hydra.Grown);
        Assert.Equal(510, hydra.Accepted);
        Assert.Equal(0, hydra.Refused);
        Assert.Equal(hydra.Accepted + 2, error.Total);   // every spawned head, the root, the body
        Assert.Equal(0, probe.Live);
        Assert.Equal(probe.Started, probe.Ended);
        Assert.True(probe.LastEnd < end);
    }

    [Fact]
    public async Task Hydra_failing_while_it_grows_ends_with_its_one_failure_and_no_head_outlives_it()
    {
        for (var round = 0; round < 20; round++)
        {
            var boom = new InvalidOperationException($"the head that fails, round {round}");
            var probe = new Probe();
            var (error, hydra) = await Run(maxDepth: 12, failDepth: 4, failLate: false, boom, probe);
            var end = Probe.Tick();
            Assert.Same(boom, Assert.Single(error.Errors).ToException());
            Assert.Equal(hydra.Accepted + 1, hydra.Grown);   // a refused head never ran
            Assert.Equal(0, probe.Live);
            Assert.Equal(probe.Started, probe.Ended);
            Assert.True(probe.LastEnd < end);
        }
    }
}
