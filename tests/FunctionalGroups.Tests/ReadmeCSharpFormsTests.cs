using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests;

/// <summary>The README's C# snippets for scopes and <c>except*</c> clauses, as written there: if they stop compiling or
/// behaving, the README is wrong.</summary>
public class ReadmeCSharpFormsTests
{
    sealed class Api
    {
        public readonly Dictionary<string, string[]> Site = new()
        {
            ["/"] = ["/a", "/b"],
            ["/a"] = ["/target"],
            ["/b"] = [],
            ["/target"] = ["/deeper"],
            ["/deeper"] = [],
        };

        public Task<int> CountUsers(CancellationToken ct) => Task.FromResult(2);

        public Task<int> CountOrders(CancellationToken ct) => Task.FromResult(3);

        public Task<string[]> FetchLinks(string url, CancellationToken ct) => Task.FromResult(Site[url]);
    }

    static readonly Api api = new();

    [Fact]
    public async Task The_scope_snippets_run_as_written()
    {
        const string target = "/target";
        string[] urls = ["/", "/a"];

        var total = Group.Scope(scope =>
            from users  in scope.Spawn(Child.FromTask(ct => api.CountUsers(ct)), "users")
            from orders in scope.Spawn(Child.FromTask(ct => api.CountOrders(ct)), "orders")
            from u in users.Join
            from o in orders.Join
            select u + o);

        Aff<GroupRuntime, Unit> Visit(GroupScope<GroupRuntime> scope, string url) =>
            from links in Child.FromTask(ct => api.FetchLinks(url, ct))
            from _ in links.Contains(target)
                ? scope.Cancel()
                : links.Fold(SuccessAff<GroupRuntime, Unit>(unit), (spawned, link) =>
                      from s in spawned
                      from h in scope.Spawn(Visit(scope, link), link)
                      select unit)
            select unit;

        var crawl = Group.Scope(scope => scope.Spawn(Visit(scope, "/"), "/").Map(_ => unit));

        var pages = Group.Scope(scope =>
            from crawler in scope.Spawn(Child.FromTask(scope, async (tg, ct) =>
            {
                var links = await api.FetchLinks("/", ct);
                var fetches = links.Select(link => tg.Spawn(c => api.FetchLinks(link, c), link)).ToList();
                var total = 0;
                foreach (var fetch in fetches) total += (await tg.JoinAsync(fetch)).Length;
                return total;
            }))
            from count in crawler.Join
            select count);

        var all = Group.Scope(scope =>
            from handles in scope.SpawnAll(urls.Select(url => Child.FromTask(ct => api.FetchLinks(url, ct))))
            from lists in handles.Map(h => h.Join).ParAll()
            select lists.Sum(l => l.Length));

        Assert.Equal(5, (await total.RunAsync()).ThrowIfFail());
        Assert.Equal(unit, (await crawl.RunAsync()).ThrowIfFail());
        Assert.Equal(1, (await pages.RunAsync()).ThrowIfFail());
        Assert.Equal(3, (await all.RunAsync()).ThrowIfFail());
    }

    sealed class Log
    {
        public readonly List<string> Lines = [];

        public void LogWarning(string format, object arg) => Lines.Add($"{format}: {arg}");
    }

    [Fact]
    public async Task The_clauses_snippet_runs_as_written()
    {
        var log = new Log();
        var cache = new { Last = (Func<int[]>)(() => [0]) };
        var failure = new GroupError(Seq<Error>(
            Error.New(new TimeoutException("t")), Error.New(new HttpRequestException("h"))), 2);
        var fetchAll = FailAff<GroupRuntime, int[]>(failure);

        var handled = fetchAll.Handle(clauses => clauses
            .On(On.Exception<TimeoutException>(), timeouts => cache.Last())
            .Observe(On.Exception<HttpRequestException>(), http => log.LogWarning("{N} unreachable", http.Leaves.Count))
            .On(On.Error<Expected>(), cache.Last()));

        var logged   = fetchAll.Observing(On.Exception<HttpRequestException>(), http => log.LogWarning("{E}", http));
        var orCached = fetchAll.Catching(On.Exception<TimeoutException>(), cache.Last());

        var left = Assert.IsType<GroupError>((Error)await handled.RunAsync());
        Assert.True(Assert.Single(left.Leaves).Is<HttpRequestException>());
        Assert.Same(failure, (Error)await logged.RunAsync());
        Assert.IsType<GroupError>((Error)await orCached.RunAsync());
        Assert.Equal(2, log.Lines.Count);
    }
}
