using System.Collections.Concurrent;

namespace FunctionalGroups.Demo;

/// <summary>
/// A fake in-memory web site for the scope scenarios: each page has a fetch time and the links on it; some pages
/// fail. Fetches observe their token, so a failure (or an explicit cancel) really cancels the pages in flight. The
/// delays are staged so that the same pages are in flight every time the failure hits (at least 50 ms apart).
/// </summary>
sealed class Site(Dictionary<string, (int Ms, string[] Links)> pages, params string[] broken)
{
    readonly ConcurrentDictionary<string, bool> visited = new();
    readonly ConcurrentDictionary<string, bool> cancelled = new();

    /// <summary>Fetches <paramref name="page"/>: waits its time, then gives its links or fails with a 404.</summary>
    public async Task<string[]> Fetch(string page, CancellationToken ct)
    {
        visited[page] = true;
        var (ms, links) = pages[page];
        try
        {
            await Task.Delay(ms, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            cancelled[page] = true;
            throw;
        }
        if (broken.Contains(page)) throw new HttpRequestException($"404 on {page}");
        return links;
    }

    /// <summary>The pages whose fetch started, sorted: the crawl is concurrent, the printed output is not.</summary>
    public IEnumerable<string> Visited => visited.Keys.Order(StringComparer.Ordinal);

    /// <summary>The pages whose fetch saw its cancellation, sorted.</summary>
    public IEnumerable<string> Cancelled => cancelled.Keys.Order(StringComparer.Ordinal);

    /// <summary>The pages linked from somewhere that were never fetched (the crawl stopped first), sorted.</summary>
    public IEnumerable<string> NeverFetched =>
        pages.Keys.Where(p => !visited.ContainsKey(p)).Order(StringComparer.Ordinal);
}
