/// The seed's asyncio.TaskGroup demo (shared/seed/taskgroup-example.md), played with FunctionalGroups from F#.
module FunctionalGroups.FSharpDemo.Program

[<EntryPoint>]
let main _ =
    printfn "FunctionalGroups F# Demo (asyncio.TaskGroup + except*, as F# values: Child, par { }, Result)"
    printfn ""

    async {
        do! Scenarios.allSucceed ()
        do! Scenarios.oneFails ()
        do! Scenarios.multipleFailures ()
        do! Crawl.oneLinkBroken ()
        do! Crawl.untilFound ()
    }
    |> Async.RunSynchronously

    printfn ""
    printfn "=== Key Takeaways ==="
    printfn "  1. A group ensures all children complete or all are cancelled, and it waits for every one"
    printfn "  2. GroupError captures ALL real failures, in child order, as a value (Result), never an exception"
    printfn "  3. Use Group.catching On.exn<T> (or the Failures pattern) to handle specific exception types, like except*"
    printfn "  4. Named children help with debugging: the name travels with the failure into the tree"
    printfn "  5. A group is a value: building it starts nothing; Group.runAsync runs it, under the caller's token"
    printfn "  6. par { let! … and! … } runs the and! children in one group; a later let! runs after them"
    printfn "     (it takes Async, task functions of the token and Result as they are)"
    printfn "  7. Group.scope spawns children while it runs; Group.cancel stops it with no error"
    0
