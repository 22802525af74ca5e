/// A simulated API, like the seed's fetch_* coroutines, written as F# Async: each fetch runs under its Async's
/// cancellation token, so a failing sibling really cancels it. Which fetches were cancelled, and by whom, the group's
/// error says (`GroupError.Cancellation`).
module FunctionalGroups.FSharpDemo.Api

open System.Net.Http
open System.Threading
open System.Threading.Tasks

type Account = { Id: int; Balance: decimal }
type Transaction = { Id: int; Amount: decimal }
type Budget = { Category: string; Limit: decimal; Spent: decimal }

type Api() =
    /// Prints "Fetching..." (at once: children start in order, each up to its first wait), then works for `ms`
    /// milliseconds unless cancelled first.
    member _.Work(name: string, ms: int) : Async<unit> =
        async {
            printfn "  [%s] Fetching..." name
            do! Async.Sleep ms
        }

    member api.FetchAccounts() =
        async {
            do! api.Work("accounts", 300)
            return [ { Account.Id = 1; Balance = 2500m }; { Id = 2; Balance = 10000m } ]
        }

    member api.FetchTransactions() =
        async {
            do! api.Work("transactions", 200)
            return [ { Transaction.Id = 1; Amount = -45m }; { Id = 2; Amount = 3000m } ]
        }

    member api.FetchBudgets() =
        async {
            do! api.Work("budgets", 250)
            return [ { Category = "Food"; Limit = 400m; Spent = 245m } ]
        }

    /// Fails after 100 ms, like the seed's fetch_failing (a ConnectionError there).
    member api.FetchFailing() : Async<unit> =
        async {
            do! api.Work("failing", 100)
            return raise (HttpRequestException "API server unreachable")
        }

/// A meeting point for `parties` children: `Arrive` completes once all have arrived.
type Gate(parties: int) =
    let opened = TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    let mutable arrived = 0

    member _.Arrive() : Task =
        if Interlocked.Increment &arrived = parties then opened.SetResult()
        opened.Task
