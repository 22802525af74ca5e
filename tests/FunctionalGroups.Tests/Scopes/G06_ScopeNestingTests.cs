using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G06_ScopeNestingTests
{
    // Spawns in the effect form: a spawn refused because a sibling already failed is a cancellation, not a failure.
    static Aff<GroupRuntime, int> FailingScope(Error boom, Probe probe) =>
        Group.Scope<int>(s =>
            from a in s.Spawn(Kids.Hangs(probe))
            from b in s.Spawn(Kids.FailsWith(boom))
            from x in Body<int>(ct => HangUntilCancelled<int>(ct))
            select x);

    static Aff<GroupRuntime, int> CancelledOnlyScope(Probe probe) =>
        Group.Scope<int>(s =>
            from a in s.Spawn(Kids.Hangs(probe))
            from b in s.Spawn(Kids.Hangs(probe))
            from x in Body<int>(ct => HangUntilCancelled<int>(ct))
            select x);

    [Fact]
    public async Task G6_a_failing_scope_spawned_in_a_scope_is_one_entry_holding_its_own_GroupError()
    {
        var boom = Error.New("inner");
        var probe = new Probe();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs(probe));
            s.SpawnOrThrow(FailingScope(boom, probe), "inner");
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var error = (await scope.RunAsync()).Group();
        var inner = Assert.IsType<GroupError>(NamedError.Unnamed(Assert.Single(error.Errors)));
        Assert.Same(boom, Assert.Single(inner.Errors));
        Assert.Same(boom, NamedError.Unnamed(Assert.Single(error.Leaves)));
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G6_a_nested_scope_whose_members_were_only_cancelled_contributes_nothing()
    {
        var boom = Error.New("sibling");
        var probe = new Probe();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(CancelledOnlyScope(probe));
            s.SpawnOrThrow(Kids.FailsWith(boom));
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Errors));
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G6_a_scope_inside_Group_All_works_like_a_nested_group()
    {
        var boom = Error.New("inner");
        var probe = new Probe();
        var error = (await Group.All(Kids.Hangs(probe), FailingScope(boom, probe), CancelledOnlyScope(probe)).RunAsync()).Group();
        var inner = Assert.IsType<GroupError>(Assert.Single(error.Errors));
        Assert.Same(boom, Assert.Single(inner.Errors));
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G6_a_Group_All_spawned_in_a_scope_is_one_entry()
    {
        var boom = Error.New("inner");
        var probe = new Probe();
        var scope = Group.Scope<int>(s =>
            from h in s.Spawn(Group.All(Kids.Hangs(probe), Kids.FailsWith(boom)))
            from v in h.Join
            select v.Count);

        var error = (await scope.RunAsync()).Group();
        var inner = Assert.IsType<GroupError>(Assert.Single(error.Errors));
        Assert.Same(boom, Assert.Single(inner.Errors));
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G6_nested_scopes_that_succeed_give_their_values_to_the_parent()
    {
        var scope = Group.Scope<int>(outer =>
            from a in outer.Spawn(Group.Scope<int>(inner =>
                from x in inner.Spawn(Kids.Ok(20))
                from y in inner.Spawn(Kids.Ok(1))
                from vx in x.Join
                from vy in y.Join
                select vx + vy))
            from b in outer.Spawn(Kids.Ok(21))
            from va in a.Join
            from vb in b.Join
            select va + vb);
        Assert.Equal(42, (await scope.RunAsync()).Value());
    }
}
