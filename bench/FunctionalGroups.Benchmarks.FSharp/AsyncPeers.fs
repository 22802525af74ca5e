/// F# Async.Parallel, the F# peer of the fan-out workload. Called from the C# benchmarks.
module FunctionalGroups.Benchmarks.FSharp.AsyncPeers

open System.Threading.Tasks

/// The child body in F# async: yield once (to the thread pool, as `await Task.Yield()` does with no
/// SynchronizationContext) and return i.
let child (i: int) : Async<int> =
    async {
        do! Async.SwitchToThreadPool()
        return i
    }

/// Fan-out: n children built here (as a user would), run with Async.Parallel, started as a Task.
let fanOut (n: int) : Task<int[]> =
    Async.StartAsTask(Async.Parallel(Array.init n child))
