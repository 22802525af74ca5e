using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// The scope whose value type is inferred (<see cref="GroupScope{RT}"/>): G10 with <c>Cancel()</c> and no value,
/// <c>SpawnAll</c> (G5, G9), and which overload a body with a spelled value type gets.
/// </summary>
public class InferredScopeTests
{
    static int Kind(GroupScope<GroupRuntime, int> _) => 1;

    static int Kind(GroupScope<GroupRuntime> _) => 2;

    [Fact]
    public async Task A_spelled_value_type_keeps_the_typed_scope_and_an_unspelled_one_gets_the_inferred_scope()
    {
        var spelled = Group.Scope<int>(scope => SuccessAff<GroupRuntime, int>(Kind(scope)));
        var inferred = Group.Scope(scope => SuccessAff<GroupRuntime, int>(Kind(scope)));

        Assert.Equal(1, (await spelled.RunAsync()).Value());
        Assert.Equal(2, (await inferred.RunAsync()).Value());
    }

    [Fact]
    public async Task G10_Cancel_without_a_value_gives_the_body_value_when_the_body_gave_one()
    {
        var probe = new Probe();
        var scope = Group.Scope(s =>
            from h in s.Spawn(Kids.Hangs(probe))
            from _ in s.Cancel()
            select "body");

        Assert.Equal("body", (await scope.RunAsync()).Value());
        Assert.Equal(1, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G10_Cancel_without_a_value_when_the_body_gave_none_ends_with_Errors_Cancelled()
    {
        var probe = new Probe();
        var scope = Group.Scope(s =>
            from hanging in s.Spawn(Kids.Hangs(probe))
            from canceller in s.Spawn(from _ in Aff<GroupRuntime, Unit>(async _ => { await PoolYield.Yield(); return unit; })
                                      from c in s.Cancel()
                                      select unit)
            from v in hanging.Join
            select v.ToString());

        var fin = await scope.RunAsync();

        Assert.Equal(Errors.Cancelled, (Error)fin);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G10_Cancel_without_a_value_in_a_Unit_scope_ends_with_no_error()
    {
        var probe = new Probe();
        var scope = Group.Scope(s =>
            from hanging in s.Spawn(Kids.Hangs(probe))
            from canceller in s.Spawn(from _ in Aff<GroupRuntime, Unit>(async _ => { await PoolYield.Yield(); return unit; })
                                      from c in s.Cancel()
                                      select unit)
            from v in hanging.Join
            select unit);

        Assert.Equal(unit, (await scope.RunAsync()).Value());
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G5_SpawnAll_gives_the_handles_in_the_order_of_the_children()
    {
        var scope = Group.Scope(s =>
            from handles in s.SpawnAll(Kids.Ok(1), Kids.Ok(2), Kids.Ok(3))
            from values in handles.Map(h => h.Join).ParAll()
            select values);

        Assert.Equal(Seq(1, 2, 3), (await scope.RunAsync()).Value());
    }

    [Fact]
    public async Task G5_SpawnAll_on_the_typed_scope_gives_the_handles_in_order()
    {
        var scope = Group.Scope<Seq<int>>(s =>
            from handles in s.SpawnAll(new[] { Kids.Ok(4), Kids.Ok(5) }.AsEnumerable())
            from values in handles.Map(h => h.Join).ParAll()
            select values);

        Assert.Equal(Seq(4, 5), (await scope.RunAsync()).Value());
    }

    [Fact]
    public async Task G9_SpawnAll_once_the_scope_shuts_down_starts_nothing_and_says_so()
    {
        var probe = new Probe();
        var scope = Group.Scope(s =>
            from _ in s.Cancel()
            from outcome in s.SpawnAll(Kids.Ok(1, probe), Kids.Ok(2, probe))
                .Match(Succ: hs => $"spawned {hs.Count}", Fail: e => e == SpawnRefusedError.ShuttingDown ? "refused" : e.Message)
            select outcome);

        Assert.Equal("refused", (await scope.RunAsync()).Value());
        Assert.Equal(0, probe.Started);
    }

    [Fact]
    public void The_shipped_runtime_with_no_argument_has_a_source_of_its_own()
    {
        var runtime = GroupRuntime.New();
        using var source = runtime.CancellationTokenSource;

        source.Cancel();

        Assert.True(runtime.CancellationToken.IsCancellationRequested);
        Assert.False(GroupRuntime.New().CancellationToken.IsCancellationRequested);
    }
}
