using System.Collections.Concurrent;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Demo;

/// <summary>The scope scenarios: children spawned while the group runs (rules G9, G10).</summary>
static partial class Scenarios
{
    /// <summary>
    /// A crawler: one child per discovered page, each spawning a child per new link through the scope. /broken
    /// fails with a 404 at 150 ms: the pages in flight are cancelled, the pages they link to are never fetched.
    /// </summary>
    public static async Task CrawlOneLinkBroken()
    {
        Console.WriteLine();
        Console.WriteLine("=== Scope: A Crawler Spawns a Child per Link (one link is broken) ===");
        var site = new Site(new()
        {
            ["/"] = (40, ["/about", "/blog", "/docs"]),
            ["/about"] = (30, ["/", "/team"]),
            ["/blog"] = (400, ["/blog/1", "/blog/2"]),
            ["/blog/1"] = (10, []),
            ["/blog/2"] = (10, []),
            ["/docs"] = (60, ["/docs/api", "/broken", "/about"]),
            ["/docs/api"] = (400, ["/"]),
            ["/team"] = (400, []),
            ["/broken"] = (50, []),
        }, broken: "/broken");

        // The body spawns the root page and returns: the scope still waits for every page spawned since (G1).
        var crawl = Group.Scope(scope => new Crawler(scope, site).Start("/"));

        var handled = crawl
            .Map(_ =>
            {
                Console.WriteLine("  Crawl complete!"); // never reached: /broken fails
                return unit;
            })
            // except* HttpRequestException. The handler runs after the scope has joined every page.
            .Catching(On.Exception<HttpRequestException>(), brokenLinks =>
            {
                Console.WriteLine("  Visited (sorted: the crawl itself is concurrent):");
                foreach (var page in site.Visited) Console.WriteLine($"  [crawl] {page}");
                // Who the scope cancelled, from its error (in spawn order, which the concurrent crawl decides).
                Console.WriteLine($"  Cancelled by {brokenLinks.Cancellation?.Describe()}:");
                foreach (var page in brokenLinks.Cancellation?.Children.Map(c => c.Name!) ?? [])
                    Console.WriteLine($"  [crawl] {page} cancelled");
                Console.WriteLine($"  Never fetched: {string.Join(", ", site.NeverFetched)}");
                Console.WriteLine();
                Console.WriteLine($"  Caught {brokenLinks.Leaves.Count} broken link(s):");
                foreach (var error in brokenLinks.Leaves) Console.WriteLine($"    - {error.Message}");
                PrintTree(brokenLinks);
                return unit;
            });

        var fin = await handled.RunAsync();
        fin.Match(Succ: _ => { }, Fail: Unexpected);
    }

    /// <summary>
    /// scope.Cancel(): a crawl that stops as soon as it found /target. Everything in flight is cancelled, a spawn
    /// after the cancel is refused (G9), and the scope ends with no error (G10).
    /// </summary>
    public static async Task CrawlUntilFound()
    {
        Console.WriteLine();
        Console.WriteLine("=== Scope: Cancel From Inside (stop at /target) ===");
        var site = new Site(new()
        {
            ["/"] = (30, ["/news", "/shop", "/help"]),
            ["/news"] = (400, ["/news/1"]),
            ["/news/1"] = (10, []),
            ["/shop"] = (30, ["/shop/cart", "/target"]),
            ["/shop/cart"] = (400, []),
            ["/help"] = (400, []),
            ["/target"] = (50, ["/target/more"]),
            ["/target/more"] = (10, []),
        });

        var crawl = Group.Scope(scope => new Crawler(scope, site, target: "/target").Start("/"));

        var fin = await crawl.RunAsync();

        Console.WriteLine("  Visited (sorted):");
        foreach (var page in site.Visited) Console.WriteLine($"  [crawl] {page}");
        Console.WriteLine("  Cancelled when /target was found:");
        foreach (var page in site.Cancelled) Console.WriteLine($"  [crawl] {page} cancelled");
        Console.WriteLine($"  Never fetched: {string.Join(", ", site.NeverFetched)}");
        fin.Match(
            Succ: _ => Console.WriteLine("  Crawl ended with no error (cancelled from inside)"),
            Fail: Unexpected);
    }

    /// <summary>
    /// Crawls a <see cref="Site"/> in a scope: every page is a child; a fetched page spawns a child per link not
    /// seen before. With a target, the page that finds it cancels the whole scope.
    /// </summary>
    sealed class Crawler(GroupScope<GroupRuntime> scope, Site site, string? target = null)
    {
        readonly ConcurrentDictionary<string, bool> seen = new();

        public Aff<GroupRuntime, Unit> Start(string page)
        {
            seen.TryAdd(page, true);
            return Spawn(page);
        }

        // The handle is dropped: nobody joins a page, the scope waits for it anyway.
        Aff<GroupRuntime, Unit> Spawn(string page) => scope.Spawn(Visit(page), page).Map(_ => unit);

        // A Child.FromTask only sees a CancellationToken, so the spawning is composed after the fetch (a bind); async code
        // that spawns itself would use Child.FromTask(scope, async (tg, ct) => …) and tg.Spawn.
        Aff<GroupRuntime, Unit> Visit(string page) =>
            from links in Child.FromTask(ct => site.Fetch(page, ct))
            from _ in page == target ? Found(page, links) : SpawnNew(links)
            select unit;

        Aff<GroupRuntime, Unit> SpawnNew(string[] links) =>
            links.Where(link => seen.TryAdd(link, true))
                 .Fold(SuccessAff<GroupRuntime, Unit>(unit), (spawned, link) => spawned.Bind(_ => Spawn(link)));

        Aff<GroupRuntime, Unit> Found(string page, string[] links) =>
            from _1 in Say($"  found {page}: cancelling the rest")
            from _2 in scope.Cancel()
            // Too late to spawn: the scope is shutting down (G9). The refusal is an error value, shown here.
            from refused in scope.Spawn(Visit(links[0]), links[0]).Match(
                Succ: _ => $"  spawn {links[0]}: started (unexpected)",
                Fail: error => $"  spawn {links[0]}: refused: {error.Message}")
            from _3 in Say(refused)
            select unit;

        static Aff<GroupRuntime, Unit> Say(string line) =>
            SuccessAff<GroupRuntime, Unit>(unit).Map(_ =>
            {
                Console.WriteLine(line);
                return unit;
            });
    }
}
