using FunctionalGroups;
using FunctionalGroups.Crawler;
using LanguageExt;
using static LanguageExt.Prelude;

// The crawler with slow pages. Group.All fetches three pages, two at a time; "slow-1" is a page whose links are
// crawled in a nested scope (link-a and link-b, joined by the scope's body); "slow-2" hangs; "fast" waits for a slot.
// Every slow fetch hangs until a line (or the end) arrives on standard input, so the tree stays in place meanwhile:
//
//   All, limit 2: [0] slow-1 (running; inside it a Scope: body, link-a, link-b, all running)
//                 [1] slow-2 (running)
//                 [2] fast   (waiting)
//
// "ready" is printed once every slow fetch has started (gates, not sleeps): then `fgroups pstree PID` shows that tree.
var site = new SlowSite("slow-1/link-a", "slow-1/link-b", "slow-2");

var links = Group.Scope(scope =>
    from a in scope.Spawn(Page(site, "slow-1/link-a"), "link-a")
    from b in scope.Spawn(Page(site, "slow-1/link-b"), "link-b")
    from pageA in a.Join
    from pageB in b.Join
    select pageA.Length + pageB.Length);

var slow1 =
    from page in Page(site, "slow-1")
    from linked in links
    select page.Length + linked;

var crawl = Group.All(
    Seq(slow1.Named("slow-1"), Page(site, "slow-2").Map(page => page.Length).Named("slow-2"), Page(site, "fast").Map(page => page.Length).Named("fast")),
    GroupOptions.Default with { MaxParallelism = 2 });

var running = crawl.RunAsync().AsTask();
if (await Task.WhenAny(site.AllStarted, running) == running)
{
    Console.Error.WriteLine($"crawler: the crawl ended before its slow pages started: {await running}");
    return 1;
}
Console.WriteLine($"crawler: process {Environment.ProcessId}; try `fgroups pstree {Environment.ProcessId}`; press Enter to let the slow pages finish");
Console.WriteLine("ready");

_ = Task.Run(async () =>
{
    await Console.In.ReadLineAsync();
    site.Release();
});

var fin = await running;
return fin.Match(
    Succ: bytes =>
    {
        Console.WriteLine($"crawler: done, {bytes.Sum()} bytes");
        return 0;
    },
    Fail: error =>
    {
        Console.Error.WriteLine($"crawler: {error}");
        return 1;
    });

static Aff<GroupRuntime, string> Page(SlowSite site, string page) => Child.FromTask(token => site.Fetch(page, token));
