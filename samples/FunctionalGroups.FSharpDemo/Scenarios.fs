/// The seed's three scenarios in F#. Each group is a value; nothing runs until Group.runAsync.
module FunctionalGroups.FSharpDemo.Scenarios

open System
open System.Diagnostics
open System.Net.Http
open FunctionalGroups.FSharp
open FunctionalGroups.FSharpDemo.Api

let private show (items: 'T list) (format: 'T -> string) =
    "[" + (items |> List.map format |> String.concat ", ") + "]"

/// The rendered error tree (like Python's ExceptionGroup traceback), indented under the scenario.
let printTree (group: GroupError) =
    printfn ""

    for line in (string group).Split '\n' do
        printfn "    %s" line

/// Who the group cancelled, and why: from the error itself (GroupError.Cancellation), in child order.
let printCancelled (group: GroupError) =
    match group.Cancellation with
    | null -> ()
    | cancellation ->
        for child in cancellation.Children do
            printfn "  [%s] cancelled by %s" child.Name (cancellation.Describe())

let unexpected (group: GroupError) = printfn "  Unexpected failure:\n%O" group

/// Seed: demo_taskgroup_success. Children of different types side by side: par { let! … and! … }, which takes the
/// Asyncs as they are (a child each, cancelled through the group's token).
let allSucceed () =
    async {
        printfn "=== Group: All Children Succeed ==="
        let api = Api()

        let fetchAll =
            par {
                let! accounts = api.FetchAccounts()
                and! transactions = api.FetchTransactions()
                and! budgets = api.FetchBudgets()
                return accounts, transactions, budgets
            }

        match! Group.runAsync fetchAll with
        | Ok(accounts, transactions, budgets) ->
            printfn ""
            printfn "  Results:"
            printfn "    Accounts: %s" (show accounts (fun a -> $"{{ Id = {a.Id}; Balance = {a.Balance} }}"))
            printfn "    Transactions: %s" (show transactions (fun t -> $"{{ Id = {t.Id}; Amount = {t.Amount} }}"))

            printfn
                "    Budgets: %s"
                (show budgets (fun b -> $"{{ Category = {b.Category}; Limit = {b.Limit}; Spent = {b.Spent} }}"))
        | Error group -> unexpected group
    }

/// Seed: demo_taskgroup_failure. The failure at 100 ms cancels the siblings (200 and 300 ms long). The handlers are
/// `except*` clauses: Group.catching takes the failures of one type and leaves the rest to the next clause.
let oneFails () =
    async {
        printfn ""
        printfn "=== Group: One Child Fails ==="
        let api = Api()

        // A child of type unit (the failing fetch) beside two lists: F#'s () is null at run time, and works here.
        let fetchAll =
            Group.zip3
                (Child.ofAsync (api.FetchAccounts()) |> Child.named "accounts")
                (Child.ofAsync (api.FetchFailing()) |> Child.named "failing")
                (Child.ofAsync (api.FetchTransactions()) |> Child.named "transactions")

        let handled =
            fetchAll
            |> Child.map (fun _ -> printfn "  All children completed!") // never reached: one child fails
            // except* HttpRequestException (Python's ConnectionError). The handler runs after the group has joined
            // every child (rule G1), so the list of cancelled siblings is complete here.
            |> Group.catching On.exn<HttpRequestException> (fun connectionErrors ->
                printfn ""
                printfn "  Caught %d connection error(s):" connectionErrors.Leaves.Count

                for error in GroupError.leaves connectionErrors do
                    printfn "    - %s" error.Message

                printfn "  (Other children were automatically cancelled)"

                printCancelled connectionErrors

                printTree connectionErrors)
            // except* Exception: whatever the first clause left.
            |> Group.catching On.any (fun others ->
                printfn ""
                printfn "  Caught %d other error(s):" others.Leaves.Count

                for error in GroupError.leaves others do
                    printfn "    - %s" error.Message)

        match! Group.runAsync handled with
        | Ok() -> ()
        | Error group -> unexpected group
    }

/// The milliseconds since `clock` started, rounded to tens: enough to see when the group ended.
let private elapsed (clock: Stopwatch) = (clock.ElapsedMilliseconds + 5L) / 10L * 10L

/// except* TimeoutError / ConnectionError / Exception, as the seed writes them, with the .NET type names beside
/// Python's (TimeoutError is TimeoutException, ConnectionError is HttpRequestException).
let private countByType (group: GroupError) =
    match group with
    | Failures(timeouts: TimeoutException list, rest) ->
        printfn "  Timeout errors (TimeoutException): %d" timeouts.Length

        match rest with
        | Some(Failures(connectionErrors: HttpRequestException list, others)) ->
            printfn "  Connection errors (HttpRequestException): %d" connectionErrors.Length
            others |> Option.iter (fun others -> printfn "  Other errors: %d" others.Leaves.Count)
        | Some others -> printfn "  Other errors: %d" others.Leaves.Count
        | None -> ()
    | Failures(connectionErrors: HttpRequestException list, rest) ->
        printfn "  Connection errors (HttpRequestException): %d" connectionErrors.Length
        rest |> Option.iter (fun others -> printfn "  Other errors: %d" others.Leaves.Count)
    | others -> printfn "  Other errors: %d" others.Leaves.Count

/// Seed: demo_taskgroup_multiple_failures, twice. First as the seed runs it: timeout_task fails at 100 ms and cancels
/// connection_task before its own failure at 150 ms, so, as in Python, only the timeout is reported ("Timeout errors:
/// 1"), at about 100 ms: fail fast (rule G2). Then with a gate where the two failing children meet and fail at the
/// same moment: neither can cancel the other first, and no failure is ever lost (rule G3), so the group reports both,
/// while accounts (300 ms) is cancelled. The failing children are task functions: they receive the group's token and
/// pass it on.
let multipleFailures () =
    async {
        printfn ""
        printfn "=== Group: Multiple Failures ==="

        let run (title: string) (gate: Gate option) =
            async {
                printfn ""
                printfn "  -- %s --" title
                let api = Api()

                let fails name ms (error: exn) =
                    Child.ofTask (fun ct ->
                        task {
                            do! Async.StartImmediateAsTask(api.Work(name, ms), ct)

                            match gate with
                            | Some gate -> do! gate.Arrive()
                            | None -> ()

                            return raise error
                        })
                    |> Child.named name

                let fetchAll: Child<unit * unit * Account list> =
                    Group.zip3
                        (fails "timeout_task" 100 (TimeoutException "Request timed out"))
                        (fails "connection_task" 150 (HttpRequestException "Server unavailable"))
                        (Child.ofAsync (api.FetchAccounts()) |> Child.named "accounts")

                let clock = Stopwatch.StartNew()
                let! result = Group.runAsync fetchAll
                printfn "  The group ended after about %d ms" (elapsed clock)

                match result with
                | Ok _ -> printfn "  All children completed!"
                | Error group ->
                    printCancelled group

                    printTree group
                    printfn ""
                    countByType group
            }

        do! run "As the seed runs it: the first failure cancels the rest (Python prints only the timeout)" None
        do! run "With a gate: both fail at the same moment, and both are reported" (Some(Gate 2))
    }
