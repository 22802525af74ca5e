/// The README's F# quick start, as tests: if it stops compiling or behaving, the README is wrong. The code between the
/// markers is the README's, word for word, inside a function that supplies `api` and `cache`.
module FunctionalGroups.FSharp.Tests.ReadmeTests

open System
open System.Threading
open System.Threading.Tasks
open Xunit
open FunctionalGroups.FSharp

type Account = { Id: int }
type Transaction = { Amount: decimal }
type Budget = { Category: string }

type Api(budgetsTimeOut: bool) =
    member _.FetchAccounts(_: CancellationToken) = Task.FromResult [| { Id = 1 } |]
    member _.FetchTransactions() = async { return [| { Amount = -45m } |] }

    member _.FetchBudgets(ct: CancellationToken) =
        task {
            do! Task.Yield()
            ct.ThrowIfCancellationRequested()
            return if budgetsTimeOut then raise (TimeoutException "budgets") else [| { Category = "Food" } |]
        }

    member _.CountUsers(_: CancellationToken) = Task.FromResult 3
    member _.CountOrders(_: CancellationToken) = Task.FromResult 4

type Cache() =
    member _.Last() : Account[] * Transaction[] * Budget[] = [||], [||], [||]

/// What the quick start shows, from the two runs it ends with.
type Shown =
    | Data of Account[] * Transaction[] * Budget[]
    | Tree of string

let private quickStart (api: Api) (cache: Cache) =
    let mutable shown = []
    let show accounts transactions budgets = shown <- Data(accounts, transactions, budgets) :: shown
    let printfn format = Printf.kprintf (fun text -> shown <- Tree text :: shown) format

    // README: F# quick start, begin
    // Children: an F# Async, or a task function that takes the group's CancellationToken. The token flows into both.
    let accounts = Child.ofTask (fun ct -> api.FetchAccounts ct) |> Child.named "accounts"
    let transactions = Child.ofAsync (api.FetchTransactions()) |> Child.named "transactions"
    let budgets = Child.ofTask (fun ct -> api.FetchBudgets ct) |> Child.named "budgets"

    // Children of different types side by side: the and! sources run in parallel as one group. Building starts nothing.
    let fetchAll =
        par {
            let! accounts = accounts
            and! transactions = transactions
            and! budgets = budgets
            return accounts, transactions, budgets
        }

    // except*: take the failures of one kind, leave the rest failing.
    let handled = fetchAll |> Group.catching On.exn<TimeoutException> (fun timeouts -> cache.Last())

    // Run it from an Async: cancelling the Async cancels the group (as a task: `Group.runTask ct`, or `Group.startAsTask`).
    let run =
        async {
            match! Group.runAsync handled with
            | Ok(accounts, transactions, budgets) -> show accounts transactions budgets
            | Error group -> printfn "%O" group // a GroupError draws its tree, like Python's ExceptionGroup
        }
    // README: F# quick start, end

    async {
        do! run
        return List.rev shown
    }

let private sources (api: Api) =
    // README: F# sources, begin
    // par { } takes what F# code has, as it is: an Async, a task function of the token, a Result, a child.
    let parseLimit (text: string) =
        match Decimal.TryParse text with
        | true, limit -> Ok limit
        | _ -> Error $"not a number: {text}" // an Error fails the group: a ResultError<string>

    let summary =
        par {
            let! accounts = fun ct -> api.FetchAccounts ct // a Task<'T> function (ValueTask, Task, ValueTask too)
            and! transactions = api.FetchTransactions() // an Async<'T>
            and! limit = parseLimit "400" // a Result<'T, 'E>
            do! fun ct -> Task.Delay(10, ct) // a task without a value, after the three
            return accounts.Length + transactions.Length, limit
        }
    // README: F# sources, end
    summary

let private matching (result: Result<int, GroupError>) =
    // README: F# failures, begin
    match result with
    | Ok total -> sprintf "%d" total
    | Error(Failures(timeouts: TimeoutException list, None)) -> sprintf "only %d timeouts" timeouts.Length
    | Error group -> sprintf "%O" group
// README: F# failures, end

let private scoped (api: Api) =
    // README: F# scope, begin
    Group.scope (fun scope ->
        par {
            let! users = Group.spawn scope (Child.ofTask (fun ct -> api.CountUsers ct) |> Child.named "users")
            let! orders = Group.spawn scope (Child.ofTask (fun ct -> api.CountOrders ct) |> Child.named "orders")
            let! u = Group.join users
            let! o = Group.join orders
            return u + o
        })
// README: F# scope, end

[<Fact>]
let ``the F# quick start fetches everything side by side`` () =
    task {
        let! shown = Async.StartAsTask(quickStart (Api false) (Cache()))

        match shown with
        | [ Data(accounts, transactions, budgets) ] ->
            Assert.Single accounts |> ignore
            Assert.Single transactions |> ignore
            Assert.Single budgets |> ignore
        | other -> failwithf "unexpected %A" other
    }

[<Fact>]
let ``the F# quick start falls back to the cache on a timeout`` () =
    task {
        let! shown = Async.StartAsTask(quickStart (Api true) (Cache()))

        match shown with
        | [ Data(accounts, _, _) ] -> Assert.Empty accounts
        | other -> failwithf "unexpected %A" other
    }

[<Fact>]
let ``the F# failures pattern and the scope of the README`` () =
    task {
        let! total = Support.run (scoped (Api false))
        Assert.Equal("7", matching total)

        let! timeouts = Support.run (Group.all [ Child.fail (TimeoutException "a"); Child.ofValue 1 ] |> Child.map List.sum)
        Assert.Equal("only 1 timeouts", matching timeouts)

        let! other = Support.run (Group.all [ Child.fail (ArgumentException "b"); Child.ofValue 1 ] |> Child.map List.sum)
        Assert.StartsWith("GroupError: 1 of 2 tasks failed", matching other)
    }

[<Fact>]
let ``the F# sources of the README run as children`` () =
    task {
        let! result = Support.run (sources (Api false))
        Assert.Equal((2, 400m), Support.ok result)
    }

[<Fact>]
let ``the README shows this file's code word for word`` () =
    let source = IO.File.ReadAllText(IO.Path.Combine(__SOURCE_DIRECTORY__, __SOURCE_FILE__))
    let readme = IO.File.ReadAllText(IO.Path.Combine(__SOURCE_DIRECTORY__, "..", "..", "README.md"))

    let block name =
        let lines = source.Split '\n'
        let first = lines |> Array.findIndex (fun line -> line.Trim() = $"// README: {name}, begin")
        let last = lines |> Array.findIndex (fun line -> line.Trim() = $"// README: {name}, end")
        let code = lines[first + 1 .. last - 1]
        let indent = code |> Array.filter (fun l -> l.Trim() <> "") |> Array.map (fun l -> l.Length - l.TrimStart().Length) |> Array.min
        code |> Array.map (fun l -> if l.Trim() = "" then "" else l.Substring indent) |> String.concat "\n"

    for name in [ "F# quick start"; "F# sources"; "F# failures"; "F# scope" ] do
        Assert.Contains(block name, readme)
