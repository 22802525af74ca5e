using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests;

/// <summary>
/// C# inference checks (the F# suite's practice, FsToolkit's before it): each form a newcomer writes from the README
/// must compile exactly as written here, with no type argument and no annotation. If an overload or a signature ever
/// makes C# ask for one (CS0411, CS0121), this file stops compiling. The fact at the end runs every form once.
/// </summary>
public class InferenceChecks
{
    sealed record Api
    {
        public Task<int> CountUsers(CancellationToken ct) => Task.FromResult(2);
        public Task<int> CountOrders(CancellationToken ct) => Task.FromResult(3);
    }

    static readonly Api api = new();

    // Item: Group.Scope(scope => …) as the policies table writes it; the value type comes from the body.
    static Aff<GroupRuntime, int> InferredScope() =>
        Group.Scope(scope =>
            from users in scope.Spawn(Child.FromTask(ct => api.CountUsers(ct)), "users")
            from orders in scope.Spawn(Child.FromTask(ct => api.CountOrders(ct)), "orders")
            from u in users.Join
            from o in orders.Join
            select u + o);

    // Item: the same with options.
    static Aff<GroupRuntime, int> InferredScopeWithOptions() =>
        Group.Scope(scope =>
            from users in scope.Spawn(Child.FromTask(ct => api.CountUsers(ct)))
            from u in users.Join
            select u, GroupOptions.Default with { MaxParallelism = 2 });

    // Item: scope.Cancel() in a non-Unit scope, with no value.
    static Aff<GroupRuntime, string> CancelWithoutAValue() =>
        Group.Scope(scope =>
            from _ in scope.Cancel()
            select "the body's value");

    // Item: a list of children spawned at once, handles back in order.
    static Aff<GroupRuntime, int> SpawnAll() =>
        Group.Scope(scope =>
            from handles in scope.SpawnAll(Enumerable.Range(1, 3).Select(i => Child.FromTask(ct => Task.FromResult(i))))
            from values in handles.Map(h => h.Join).ParAll()
            select values.Sum());

    // Item: async code that spawns, like tg.create_task from inside a task.
    static Aff<GroupRuntime, int> SpawningFromATask() =>
        Group.Scope(scope =>
            from crawler in scope.Spawn(Child.FromTask(scope, async (tg, ct) =>
            {
                var users = tg.Spawn(c => api.CountUsers(c), "users");
                var orders = tg.Spawn(c => api.CountOrders(c));
                return await tg.JoinAsync(users) + await tg.JoinAsync(orders);
            }))
            from total in crawler.Join
            select total);

    // Item: runtime-free effects in every policy; RunAsync for each.
    static Aff<(int, string)> ZipAff() => Group.Zip(SuccessAff(1), SuccessAff("two"));
    static Aff<(int, string, bool)> ZipEff() => Group.Zip(SuccessEff(1), SuccessEff("two"), SuccessEff(true));
    static Aff<Seq<Fin<int>>> SettleAff() => Group.Settle(SuccessAff(1), SuccessAff(2));
    static Aff<Seq<int>> ValidateEff() => Group.Validate(SuccessEff(1), SuccessEff(2));
    static Aff<int> RaceAff() => Group.Race(Seq(SuccessAff(1), SuccessAff(2)));
    static Aff<Seq<int>> TraverseAff() => Group.Traverse(new[] { 1, 2 }, i => SuccessAff(i * 10));
    static Aff<Seq<int>> TraverseEff() => Group.Traverse(new[] { 1, 2 }, i => SuccessEff(i * 10));
    static Aff<GroupRuntime, int> FromEff() => Child.FromEff(SuccessEff(4));
    static Aff<GroupRuntime, Seq<int>> AllOfEffs() => Group.All(Child.FromEff(SuccessEff(1)), Child.FromEff(SuccessEff(2)));

    // Item: handlers that do not force a mapping to Unit: a fixed fallback of the tuple, an observer.
    static Aff<GroupRuntime, (int, string)> Fallback() =>
        Group.Zip(Child.FromTask(ct => Task.FromResult(1)), Child.FromTask(ct => Task.FromResult("two")))
            .Catching(On.Exception<TimeoutException>(), (0, "cached"))
            .Observing(On.Exception<HttpRequestException>(), eg => Console.Error.WriteLine(eg));

    // Item: several except* clauses with Python's rules.
    static Aff<GroupRuntime, (int, string)> Clauses() =>
        Group.Zip(Child.FromTask(ct => Task.FromResult(1)), Child.FromTask(ct => Task.FromResult("two")))
            .Handle(clauses => clauses
                .On(On.Exception<TimeoutException>(), timeouts => (0, "cached"))
                .Observe(On.Exception<HttpRequestException>(), http => Console.Error.WriteLine(http))
                .On(On.Error<Expected>(), (-1, "expected")));

    // Item: the clauses over a runtime-free group.
    static Aff<(int, string)> ClausesOfARuntimeFreeGroup() =>
        ZipAff().Handle(clauses => clauses.On(On.Exception<TimeoutException>(), (0, "cached")));

    // Item: a runtime with no argument.
    static GroupRuntime NewRuntime() => GroupRuntime.New();

    [Fact]
    public async Task Every_form_runs()
    {
        Assert.Equal(5, (await InferredScope().RunAsync()).ThrowIfFail());
        Assert.Equal(2, (await InferredScopeWithOptions().RunAsync()).ThrowIfFail());
        Assert.Equal("the body's value", (await CancelWithoutAValue().RunAsync()).ThrowIfFail());
        Assert.Equal(6, (await SpawnAll().RunAsync()).ThrowIfFail());
        Assert.Equal(5, (await SpawningFromATask().RunAsync()).ThrowIfFail());
        Assert.Equal((1, "two"), (await ZipAff().RunAsync()).ThrowIfFail());
        Assert.Equal((1, "two", true), (await ZipEff().RunAsync()).ThrowIfFail());
        Assert.Equal(2, (await SettleAff().RunAsync()).ThrowIfFail().Count);
        Assert.Equal(Seq(1, 2), (await ValidateEff().RunAsync()).ThrowIfFail());
        Assert.Contains((await RaceAff().RunAsync()).ThrowIfFail(), new[] { 1, 2 });
        Assert.Equal(Seq(10, 20), (await TraverseAff().RunAsync()).ThrowIfFail());
        Assert.Equal(Seq(10, 20), (await TraverseEff().RunAsync()).ThrowIfFail());
        Assert.Equal(4, (await FromEff().RunAsync()).ThrowIfFail());
        Assert.Equal(Seq(1, 2), (await AllOfEffs().RunAsync()).ThrowIfFail());
        Assert.Equal((1, "two"), (await Fallback().RunAsync()).ThrowIfFail());
        Assert.Equal((1, "two"), (await Clauses().RunAsync()).ThrowIfFail());
        Assert.Equal((1, "two"), (await ClausesOfARuntimeFreeGroup().RunAsync()).ThrowIfFail());
        var runtime = NewRuntime();
        Assert.True(runtime.CancellationToken.CanBeCanceled);
        runtime.CancellationTokenSource.Dispose();
    }
}
