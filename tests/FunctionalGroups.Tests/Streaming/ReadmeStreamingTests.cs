using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>The README's C# snippets of "Results as they complete" and "Streaming traversal", as written there (inside
/// methods that supply what they call): if they stop compiling or behaving, the README is wrong.</summary>
public class ReadmeStreamingTests
{
    sealed record Quote(string Symbol, bool IsGoodEnough);

    sealed record Row(int Id);

    readonly List<string> shown = [];
    readonly List<Row> saved = [];
    readonly TaskCompletionSource slowFetchCancelled = Kids.Gate();

    async Task<Quote> FetchQuote(string symbol, CancellationToken ct)
    {
        if (symbol == "ACME") return new Quote(symbol, true);
        ct.Register(() => slowFetchCancelled.TrySetResult());
        await Task.Delay(Timeout.Infinite, ct);
        return new Quote(symbol, false);
    }

    void Show(string? name, Quote quote) => shown.Add($"{name}: {quote.Symbol}");

    void Log(long index, int value) => shown.Add($"{index} = {value}");

    void Warn(long index, Error error) => shown.Add($"{index} failed");

    static IEnumerable<int> ReadIdsLazily() => Enumerable.Range(0, 50);

    static async IAsyncEnumerable<int> ReadIdsAsync()
    {
        for (var i = 0; i < 50; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    static async Task<Row> Load(int id, CancellationToken ct)
    {
        await Task.Yield();
        return new Row(id);
    }

    Task Save(Row row)
    {
        lock (saved) saved.Add(row);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Results_as_they_complete()
    {
        var ct = CancellationToken.None;
        var children = new[] { Child.FromTask(_ => Task.FromResult(1)), Child.FromTask<int>(_ => throw new InvalidOperationException("x")) };

        // README: Results as they complete, begin
        await foreach (var done in Group.AsCompleted(new[]
        {
            Child.FromTask(ct => FetchQuote("ACME", ct)).Named("acme"),
            Child.FromTask(ct => FetchQuote("INIT", ct)).Named("init"),
        }).WithCancellation(ct))
        {
            Show(done.Name, done.Value);       // done.Index is the child's position in the list
            if (done.Value.IsGoodEnough) break;   // the other fetch is cancelled and joined before the loop exits
        }

        await foreach (var done in Group.SettleAsCompleted(children))   // every outcome as it ends, no fail-fast
            done.Value.Match(Succ: v => Log(done.Index, v), Fail: e => Warn(done.Index, e));
        // README: Results as they complete, end

        Assert.True(slowFetchCancelled.Task.IsCompleted);
        Assert.Equal("acme: ACME", shown[0]);
        Assert.Equal(new[] { "0 = 1", "1 failed" }, shown.Skip(1).Order());
    }

    [Fact]
    public async Task Streaming_traversal()
    {
        var ct = CancellationToken.None;

        // README: Streaming traversal, begin
        var options = GroupOptions.Default with { MaxParallelism = 16 };

        // (a) every value, in source order: ZIO's mapZIOPar, Akka's mapAsync to a Seq
        Fin<Seq<Row>> rows = await Group.TraverseStream(ReadIdsLazily(), (id, ct) => Load(id, ct), options).RunAsync(ct);

        // (b) values in source order as they can be given; a slow head of line lets at most `window` items run ahead
        await foreach (var row in Group.Stream(ReadIdsAsync(), (id, ct) => Load(id, ct), window: 64, options).WithCancellation(ct))
            await Save(row);          // a slow Save holds back the pulling: nothing piles up

        // (c) values as they complete, with the item's position: mapZIOParUnordered, Akka's mapAsyncUnordered
        await foreach (var done in Group.StreamUnordered(ReadIdsAsync(), (id, ct) => Load(id, ct), options))
            await Save(done.Value);   // an item holds its slot until you took its value
        // README: Streaming traversal, end

        Assert.Equal(Enumerable.Range(0, 50), rows.Value().Map(r => r.Id));
        Assert.Equal(Enumerable.Range(0, 50), saved.Take(50).Select(r => r.Id));
        Assert.Equal(Enumerable.Range(0, 50), saved.Skip(50).Select(r => r.Id).Order());
    }
}
