using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class HandleTests
{
    [Fact]
    public async Task Handle_Result_is_None_while_the_child_runs_and_its_outcome_after_the_scope()
    {
        var boom = Error.New("boom");
        ChildHandle<GroupRuntime, int>? ok = null, failing = null, hanging = null;
        var noneWhileRunning = false;
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            ok = s.SpawnOrThrow(Kids.Ok(3), "ok");
            hanging = s.SpawnOrThrow(Kids.Hangs());
            await Ended(ok).ConfigureAwait(false);
            noneWhileRunning = hanging.Result.IsNone;
            failing = s.SpawnOrThrow(Kids.FailsWith(boom));
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Errors));
        Assert.True(noneWhileRunning);
        Assert.Equal("ok", ok!.Name);
        Assert.Null(failing!.Name);
        Assert.Equal(3, ok.Outcome().Value());
        Assert.Same(boom, failing.Outcome().Error());
        Assert.True(hanging!.Outcome().Error().Is<OperationCanceledException>());
    }

    [Fact]
    public async Task Handle_Join_after_the_scope_gives_the_value_or_the_failure()
    {
        var boom = Error.New("boom");
        ChildHandle<GroupRuntime, int>? ok = null, failing = null;
        var scope = Group.Scope<int>(s => Body(ct =>
        {
            ok = s.SpawnOrThrow(Kids.Ok(3));
            failing = s.SpawnOrThrow(Kids.FailsWith(boom));
            return Task.FromResult(0);
        }));
        await scope.RunAsync();
        Assert.Equal(3, (await ok!.Join.Run(GroupRuntime.Uncancellable)).Value());
        Assert.Same(boom, (await failing!.Join.Run(GroupRuntime.Uncancellable)).Error());
    }

    [Fact]
    public async Task Handle_Join_gives_the_child_values_to_the_body()
    {
        var scope = Group.Scope<int>(s =>
            from a in s.Spawn(Kids.Ok(20), "a")
            from b in s.Spawn(Kids.Ok(22), "b")
            from x in a.Join
            from y in b.Join
            select x + y);
        Assert.Equal(42, (await scope.RunAsync()).Value());
    }

    [Fact]
    public async Task Spawn_with_a_blank_name_throws_ArgumentException_when_the_spawn_is_built()
    {
        ArgumentException? thrown = null;
        var scope = Group.Scope<int>(s =>
        {
            thrown = Record.Exception(() => s.Spawn(Kids.Ok(1), " ")) as ArgumentException;
            return Kids.Ok(1);
        });
        Assert.Equal(1, (await scope.RunAsync()).Value());
        Assert.NotNull(thrown);
    }
}
