/// Three children in one group, from the installed package: first all succeed, then one fails and the other two,
/// still running, are cancelled and awaited. Prints what it saw; exits 1 if anything differs from the rules.
module FSharpConsumer.Program

open System
open System.Threading
open System.Threading.Tasks
open FunctionalGroups.FSharp

let slow name (ms: int) =
    Child.ofTask (fun ct -> task {
        do! Task.Delay(ms, ct)
        return name
    })
    |> Child.named name

[<EntryPoint>]
let main _ =
    let mutable failed = 0
    let check ok what =
        printfn "  %s: %s" (if ok then "ok" else "FAILED") what
        if not ok then failed <- failed + 1

    printfn "F# consumer: three children"
    let all = [ slow "accounts" 30; slow "transactions" 10; slow "budgets" 20 ] |> Group.all |> Group.runAsync |> Async.RunSynchronously
    check (all = Ok [ "accounts"; "transactions"; "budgets" ]) "all succeed, values in child order"

    let cancelled = ref 0
    let waits name =
        Child.ofTask (fun ct -> task {
            try
                do! Task.Delay(Timeout.Infinite, ct)
            with :? OperationCanceledException ->
                Interlocked.Increment cancelled |> ignore
                raise (OperationCanceledException ct)
            return name
        })
        |> Child.named name
    let failing =
        Child.ofAsync (async {
            do! Async.Sleep 10
            return failwith "budgets down"
        })
        |> Child.named "budgets"

    match [ waits "accounts"; failing; waits "transactions" ] |> Group.all |> Group.runAsync |> Async.RunSynchronously with
    | Error (Failures (failures: exn list, None)) as result ->
        check (failures.Length = 1 && failures.Head.Message = "budgets down") "one fails: a GroupError with the child's exception"
        match result with
        | Error group -> printfn "%O" group
        | Ok _ -> ()
    | other -> check false (sprintf "one fails: a GroupError with the child's exception (got %A)" other)
    check (cancelled.Value = 2) "the two siblings were cancelled and awaited before the group returned"

    printfn "%s" (if failed = 0 then "F# consumer: ok" else sprintf "F# consumer: %d check(s) failed" failed)
    if failed = 0 then 0 else 1
