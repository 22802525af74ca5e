using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G16 when the caller suppressed the flow of its <see cref="ExecutionContext"/> (there is no context to flow): a group
/// and a scope still start and join every member, in whatever context the starting thread has, as <c>Task.Run</c> would.
/// </summary>
public class G16_SuppressedFlowTests
{
    [Fact]
    public async Task G16_a_group_started_with_the_flow_suppressed_runs_and_joins_every_child()
    {
        ValueTask<Fin<Seq<int>>> running;
        using (ExecutionContext.SuppressFlow()) running = Group.All(Kids.Ok(1), Kids.Ok(2)).RunAsync();
        Assert.Equal(new[] { 1, 2 }, (await running).Value().ToArray());
    }

    [Fact]
    public async Task G16_a_scope_started_with_the_flow_suppressed_runs_its_body_and_a_child_spawned_in_it()
    {
        ValueTask<Fin<int>> running;
        using (ExecutionContext.SuppressFlow())
            running = Group.Scope<int>(s =>
                from h in s.Spawn(Kids.Ok(4))
                from v in h.Join
                select v + 1).RunAsync();
        Assert.Equal(5, (await running).Value());
    }
}
