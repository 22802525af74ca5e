/// A fake in-memory web site for the scope scenarios: each page has a fetch time and the links on it; some pages fail.
/// Fetches are F# Async, so a failure (or an explicit cancel) really cancels the pages in flight. The delays are staged
/// so that the same pages are in flight every time the failure hits (at least 50 ms apart).
module FunctionalGroups.FSharpDemo.Site

open System
open System.Collections.Concurrent
open System.Net.Http

type Site(pages: Map<string, int * string list>, broken: string list) =
    let visited = ConcurrentDictionary<string, bool>()
    let cancelled = ConcurrentDictionary<string, bool>()
    let sorted (keys: string seq) = keys |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b)) |> List.ofSeq

    /// Fetches `page`: waits its time, then gives its links or fails with a 404.
    member _.Fetch(page: string) : Async<string list> =
        async {
            visited[page] <- true
            let ms, links = pages[page]
            use! _ = Async.OnCancel(fun () -> cancelled[page] <- true)
            do! Async.Sleep ms

            if List.contains page broken then
                raise (HttpRequestException $"404 on {page}")

            return links
        }

    /// The pages whose fetch started, sorted: the crawl is concurrent, the printed output is not.
    member _.Visited = sorted visited.Keys

    /// The pages whose fetch saw its cancellation, sorted.
    member _.Cancelled = sorted cancelled.Keys

    /// The pages never fetched (the crawl stopped first), sorted.
    member _.NeverFetched = pages.Keys |> Seq.filter (visited.ContainsKey >> not) |> sorted
