using FunctionalGroups.Tests.Support;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>Async code that spawns (<see cref="TaskScope{RT}"/>): G1 and G5 for what it spawns, G9 as exceptions, G18.</summary>
public class TaskScopeTests
{
    [Fact]
    public async Task G1_a_task_child_spawns_siblings_and_joins_them_like_create_task()
    {
        var probe = new Probe();
        var scope = Group.Scope(s =>
            from crawler in s.Spawn(Child.FromTask(s, async (tg, ct) =>
            {
                var pages = Enumerable.Range(1, 3).Select(i => tg.Spawn(Kids.Ok(i, probe), $"page {i}")).ToList();
                var total = 0;
                foreach (var page in pages) total += await tg.JoinAsync(page);
                return total;
            }))
            from total in crawler.Join
            select total);

        Assert.Equal(6, (await scope.RunAsync()).Value());
        Assert.Equal(3, probe.Started);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G1_the_typed_scope_lends_itself_to_task_code_too()
    {
        var scope = Group.Scope<int>(s =>
            from worker in s.Spawn(Child.FromTask(s, async (tg, ct) =>
                await tg.JoinAsync(tg.Spawn(c => Task.FromResult(41))) + 1))
            from value in worker.Join
            select value);

        Assert.Equal(42, (await scope.RunAsync()).Value());
    }

    [Fact]
    public async Task G9_a_spawn_refused_while_shutting_down_throws_a_cancellation_and_the_task_counts_as_cancelled()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? thrown = null;
        var scope = Group.Scope(s =>
            from spawner in s.Spawn(Child.FromTask(s, async (tg, ct) =>
            {
                await gate.Task.ConfigureAwait(false);
                try
                {
                    tg.Spawn(c => Task.FromResult(1));
                }
                catch (Exception e)
                {
                    thrown = e;
                    throw;
                }
            }))
            from _ in s.Cancel()
            from opened in Eff(() =>
            {
                gate.SetResult();
                return unit;
            })
            select unit);

        var fin = await scope.RunAsync();

        Assert.Equal(unit, fin.Value());
        Assert.IsType<OperationCanceledException>(thrown);
    }

    [Fact]
    public async Task G18_a_task_that_lets_a_joined_failure_escape_passes_it_on_and_it_is_reported_once()
    {
        var boom = new InvalidOperationException("boom");
        var scope = Group.Scope(s =>
            from joiner in s.Spawn(Child.FromTask(s, async (tg, ct) =>
                await tg.JoinAsync(tg.Spawn(Kids.Fails(boom), "failing"))), "joiner")
            from value in joiner.Join
            select value);

        var group = Assert.IsType<GroupError>((Error)await scope.RunAsync());

        var only = Assert.Single(group.Leaves);
        Assert.Same(boom, only.ToException());
    }

    [Fact]
    public async Task G8_each_run_of_the_child_gets_its_own_task_scope()
    {
        var seen = new List<object>();
        var scope = Group.Scope(s =>
            from worker in s.Spawn(Child.FromTask(s, (tg, ct) =>
            {
                lock (seen) seen.Add(tg);
                return Task.FromResult(0);
            }))
            from again in s.Spawn(Child.FromTask(s, (tg, ct) =>
            {
                lock (seen) seen.Add(tg);
                return Task.CompletedTask;
            }))
            from v in worker.Join
            select v);

        await scope.RunAsync();
        await scope.RunAsync();

        Assert.Equal(4, seen.Distinct().Count());
    }
}
