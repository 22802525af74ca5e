using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G05_ScopeOrderTests
{
    [Fact]
    public async Task G5_failures_come_in_spawn_order_not_completion_order()
    {
        var gates = Enumerable.Range(0, 3).Select(_ => Kids.Gate()).ToArray();
        var errors = Enumerable.Range(0, 3).Select(i => new InvalidOperationException($"e{i}")).ToArray();
        var handles = new ChildHandle<GroupRuntime, int>[3];
        var spawned = Kids.Gate();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            for (var i = 0; i < 3; i++) handles[i] = s.SpawnOrThrow(Kids.FailsAt(gates[i].Task, errors[i]));
            spawned.SetResult();
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var running = scope.RunAsync().AsTask();
        await spawned.Task;
        for (var i = 2; i >= 0; i--)                     // the last spawned fails first
        {
            gates[i].SetResult();
            await Ended(handles[i]);
        }
        var error = (await running).Group();
        Assert.Equal(errors, error.Errors.Map(e => e.ToException()).ToArray());
    }

    [Fact]
    public async Task G5_grandchildren_take_their_place_in_spawn_order()
    {
        var early = new InvalidOperationException("spawned first, fails last");
        var late = new InvalidOperationException("spawned by a child, fails first");
        var gate = Kids.Gate();
        ChildHandle<GroupRuntime, int>? lateHandle = null;
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.FailsAt(gate.Task, early));
            s.SpawnOrThrow(Body(async _ =>
            {
                await PoolYield.Yield();
                lateHandle = s.SpawnOrThrow(Kids.Fails(late));
                return 0;
            }));
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var running = scope.RunAsync().AsTask();
        await Until(() => Volatile.Read(ref lateHandle) is { Result.IsSome: true });
        gate.SetResult();
        var error = (await running).Group();
        Assert.Equal(new Exception[] { early, late }, error.Errors.Map(e => e.ToException()).ToArray());
    }
}
