using FunctionalGroups.Benchmarks.FSharp;
using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// <c>--check</c> (also the first half of <c>--smoke</c>): runs every workload once at 10 and 1,000 children and
/// checks that it does the work it claims (N values in order; one captured failure; N captured failures), so that
/// a timing is never taken of a peer that quietly did less. Speed is never checked.
/// </summary>
public static class Checks
{
    /// <summary>Runs the checks; returns the number of failed checks.</summary>
    public static async Task<int> Run()
    {
        var failed = 0;
        foreach (var n in new[] { 10, 1_000 })
        {
            var expected = Enumerable.Range(0, n).ToArray();
            failed += await Check($"fan-out floor N={n}", async () => (await FanOutWorkload.RawWhenAll(n)).SequenceEqual(expected));
            failed += await Check($"fan-out Group.All FromTask N={n}", async () => Values(await FanOutWorkload.GroupAllFromTask(n)).SequenceEqual(expected));
            failed += await Check($"fan-out Group.Traverse task function N={n}", async () => Values(await FanOutWorkload.GroupTraverseTasks(n)).SequenceEqual(expected));
            failed += await Check($"fan-out Group.All Aff N={n}", async () => Values(await FanOutWorkload.GroupAllAff(n)).SequenceEqual(expected));
            failed += await Check($"fan-out Aff by hand N={n}", async () => Values(await FanOutWorkload.HandWrittenAff(n)).SequenceEqual(expected));
            failed += await Check($"fan-out SequenceParallel N={n}", async () => Values(await FanOutWorkload.SequenceParallel(n)).SequenceEqual(expected));
            failed += await Check($"fan-out F# Async.Parallel N={n}", async () => (await FanOutWorkload.FSharpAsyncParallel(n)).SequenceEqual(expected));
            failed += await Check($"fan-out Parallel.ForEachAsync N={n}", async () => (await FanOutWorkload.ParallelForEachAsync(n)).SequenceEqual(expected));
            failed += await Check($"F# face Group.all ofAsync N={n}", async () => (await FaceWorkloads.groupAllOfAsync(n)).SequenceEqual(expected));
            failed += await Check($"F# face Group.all ofTask N={n}", async () => (await FaceWorkloads.groupAllOfTask(n)).SequenceEqual(expected));

            failed += await Check($"cancellation raw N={n}", async () => await CancellationWorkload.Raw(n) == 1);
            failed += await Check($"cancellation Group.All FromTask N={n}", async () => GroupFailures(await CancellationWorkload.GroupAllFromTask(n)) == 1);
            failed += await Check($"cancellation Group.All Aff N={n}", async () => GroupFailures(await CancellationWorkload.GroupAllAff(n)) == 1);
            failed += await Check($"cancellation Aff by hand N={n}", async () => await CancellationWorkload.HandWrittenAff(n) == 1);

            failed += await Check($"failures raw N={n}", async () => (await FailuresWorkload.Raw(n)).Count == n);
            failed += await Check($"failures Group.All FromTask N={n}", async () => GroupFailures(await FailuresWorkload.GroupAllFromTask(n)) == n);
            failed += await Check($"failures Group.All Aff N={n}", async () => GroupFailures(await FailuresWorkload.GroupAllAff(n)) == n);
            failed += await Check($"failures Aff by hand N={n}", async () => ManyFailures(await FailuresWorkload.HandWrittenAff(n)) == n);

            failed += await Check($"streaming Parallel.ForEachAsync N={n}", async () => (await PolicyWorkload.ParallelForEachAsync(n)).SequenceEqual(expected));
            failed += await Check($"streaming Group.Traverse N={n}", async () => Values(await PolicyWorkload.GroupTraverse(n)).SequenceEqual(expected));
            failed += await Check($"streaming Group.Traverse task function N={n}", async () => Values(await PolicyWorkload.GroupTraverseTasks(n)).SequenceEqual(expected));
            var sum = StreamingWorkload.Expected(n);
            failed += await Check($"streaming source Parallel.ForEachAsync N={n}", async () => await StreamingWorkload.ParallelForEachAsync(n) == sum);
            failed += await Check($"streaming source channel pipeline N={n}", async () => await StreamingWorkload.ChannelPipeline(n) == sum);
            failed += await Check($"streaming source Group.StreamUnordered N={n}", async () => await StreamingWorkload.StreamUnordered(n) == sum);
            failed += await Check($"streaming source Group.Stream ordered N={n}", async () => await StreamingWorkload.StreamOrdered(n) == sum);
            failed += await Check($"streaming source Group.TraverseStream N={n}", async () => await StreamingWorkload.TraverseStream(n) == sum);
            failed += await Check($"scope spawns N={n}", async () => (await ScopeSpawnWorkload.SpawnKeepingHandles(n)).SequenceEqual(expected));
            failed += await Check($"scope spawns, handles dropped N={n}", async () => (await ScopeSpawnWorkload.Spawn(n)).IsSucc);
            failed += await Check($"scope spawns Group.All N={n}", async () => Values(await ScopeSpawnWorkload.All(n)).SequenceEqual(expected));
            failed += await Check($"policies Group.Settle N={n}", async () => (await PolicyWorkload.Settle(n)).Match(s => s.Map(o => o.IfFail(-1)).SequenceEqual(expected), _ => false));
            failed += await Check($"policies Group.Validate N={n}", async () => Values(await PolicyWorkload.Validate(n)).SequenceEqual(expected));
            failed += await Check($"policies Group.Race N={n}", async () => (await PolicyWorkload.Race(n)).Match(v => v >= 0 && v < n, _ => false));
        }
        failed += await Check("F# face par of 8 sources", async () => await FaceWorkloads.parOf8() == 28);
        failed += await Check("F# face Async.Parallel of 8", async () => await FaceWorkloads.asyncParallelOf8() == 28);
        for (var v = 0; v < StreamMemoryProbe.Count; v++)
        {
            var variant = v;
            failed += await Check($"--stream-memory probe, variant {v}, 2,000 items", async () => await StreamMemoryProbe.Measure(variant, 2_000) is { HeapAfterGcAtTenths.Length: >= 9 });
        }
        Console.WriteLine(failed == 0 ? "checks: every workload does its work" : $"checks: {failed} failed");
        var reads = new ThunkRead();
        failed += await Check("thunk reads agree", () => Task.FromResult(
            reads.Accessor() == 1024 && reads.UnsafeAs() == 1024 && reads.CompiledGetter() == 1024));
        return failed;
    }

    static int[] Values(Fin<Seq<int>> outcome) => outcome.Match(Succ: s => s.ToArray(), Fail: _ => []);

    static int GroupFailures<A>(Fin<A> outcome) =>
        outcome.Match(Succ: _ => 0, Fail: e => e is GroupError g ? g.Errors.Count : -1);

    static int ManyFailures<A>(Fin<A> outcome) =>
        outcome.Match(Succ: _ => 0, Fail: e => e is ManyErrors many ? many.Errors.Count : 1);

    static async Task<int> Check(string name, Func<Task<bool>> check)
    {
        var running = check();
        if (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(30))) != running)
        {
            Console.WriteLine($"  FAIL {name}: did not finish in 30 s");
            return 1;
        }
        var ok = await running;
        Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {name}");
        return ok ? 0 : 1;
    }
}
