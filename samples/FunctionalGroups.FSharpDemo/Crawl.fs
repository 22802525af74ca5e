/// The scope scenarios: children spawned while the group runs (rules G9, G10), from F#.
module FunctionalGroups.FSharpDemo.Crawl

open System.Collections.Concurrent
open System.Net.Http
open FunctionalGroups.FSharp
open FunctionalGroups.FSharpDemo.Scenarios
open FunctionalGroups.FSharpDemo.Site

/// Crawls a site in a scope: every page is a child; a fetched page spawns a child per link not seen before. With a
/// target, the page that finds it cancels the whole scope.
type private Crawler(scope: Scope<unit>, site: Site, target: string option) =
    let seen = ConcurrentDictionary<string, bool>()

    member this.Start(page: string) =
        seen.TryAdd(page, true) |> ignore
        this.Spawn page

    /// The handle is dropped: nobody joins a page, and the scope waits for it anyway (G1).
    member this.Spawn(page: string) : Child<unit> =
        Group.spawn scope (this.Visit page |> Child.named page) |> Child.map ignore

    /// Spawns `page` and says what happened: a refused spawn fails with `SpawnRefusedError`, read here as a value.
    member this.TrySpawn(page: string) : Child<string> =
        let spawn = Group.spawn scope (this.Visit page |> Child.named page) |> Child.toAff

        LanguageExt.AffExtensions.Match(
            spawn,
            System.Func<Handle<unit>, string>(fun _ -> "started (unexpected)"),
            System.Func<LanguageExt.Common.Error, string>(fun error -> $"refused: {error.Message}")
        )
        |> Child.ofAff

    member this.Visit(page: string) : Child<unit> =
        par {
            let! links = site.Fetch page

            if target = Some page then
                printfn "  found %s: cancelling the rest" page
                do! Group.cancel scope ()
                // Too late to spawn: the scope is shutting down (G9). The refusal is an error value, shown here.
                let! attempt = this.TrySpawn links.Head
                printfn "  spawn %s: %s" links.Head attempt
            else
                for link in links do
                    if seen.TryAdd(link, true) then
                        do! this.Spawn link
        }

let private report (site: Site) (why: string) =
    printfn "  Visited (sorted: the crawl itself is concurrent):"

    for page in site.Visited do
        printfn "  [crawl] %s" page

    printfn "  Cancelled when %s:" why

    for page in site.Cancelled do
        printfn "  [crawl] %s cancelled" page

    printfn "  Never fetched: %s" (String.concat ", " site.NeverFetched)

/// A crawler: one child per discovered page, each spawning a child per new link through the scope. /broken fails
/// with a 404 at 150 ms: the pages in flight are cancelled, the pages they link to are never fetched.
let oneLinkBroken () =
    async {
        printfn ""
        printfn "=== Scope: A Crawler Spawns a Child per Link (one link is broken) ==="

        let site =
            Site(
                Map [
                    "/", (40, [ "/about"; "/blog"; "/docs" ])
                    "/about", (30, [ "/"; "/team" ])
                    "/blog", (400, [ "/blog/1"; "/blog/2" ])
                    "/blog/1", (10, [])
                    "/blog/2", (10, [])
                    "/docs", (60, [ "/docs/api"; "/broken"; "/about" ])
                    "/docs/api", (400, [ "/" ])
                    "/team", (400, [])
                    "/broken", (50, [])
                ],
                [ "/broken" ]
            )

        // The body spawns the root page and returns: the scope still waits for every page spawned since (G1).
        let crawl = Group.scope (fun scope -> Crawler(scope, site, None).Start "/")

        let handled =
            crawl
            |> Child.map (fun () -> printfn "  Crawl complete!") // never reached: /broken fails
            |> Group.catching On.exn<HttpRequestException> (fun brokenLinks ->
                report site "/broken failed"
                printfn ""
                printfn "  Caught %d broken link(s):" brokenLinks.Leaves.Count

                for error in GroupError.leaves brokenLinks do
                    printfn "    - %s" error.Message

                printTree brokenLinks)

        match! Group.runAsync handled with
        | Ok() -> ()
        | Error group -> unexpected group
    }

/// Group.cancel: a crawl that stops as soon as it found /target. Everything in flight is cancelled, a spawn after the
/// cancel is refused (G9), and the scope ends with no error (G10).
let untilFound () =
    async {
        printfn ""
        printfn "=== Scope: Cancel From Inside (stop at /target) ==="

        let site =
            Site(
                Map [
                    "/", (30, [ "/news"; "/shop"; "/help" ])
                    "/news", (400, [ "/news/1" ])
                    "/news/1", (10, [])
                    "/shop", (30, [ "/shop/cart"; "/target" ])
                    "/shop/cart", (400, [])
                    "/help", (400, [])
                    "/target", (50, [ "/target/more" ])
                    "/target/more", (10, [])
                ],
                []
            )

        let crawl = Group.scope (fun scope -> Crawler(scope, site, Some "/target").Start "/")
        let! result = Group.runAsync crawl
        report site "/target was found"

        match result with
        | Ok() -> printfn "  Crawl ended with no error (cancelled from inside)"
        | Error group -> unexpected group
    }
