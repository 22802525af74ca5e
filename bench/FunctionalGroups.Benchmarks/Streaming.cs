using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// Workload 7, streaming: the same lazy source of N items (a generator, never materialised) and the same trivial body
/// (<see cref="Bodies.YieldThenReturn"/>) at parallelism 16, through FunctionalGroups' streaming forms and the two .NET
/// ways of doing it by hand: <c>Parallel.ForEachAsync</c> and a bounded <see cref="Channel{T}"/> with 16 workers. Each
/// returns the sum of the values, so every peer does the same work and keeps nothing per item (except
/// <c>TraverseStream</c>, whose result is the <c>Seq</c> of every value).
/// </summary>
public static class StreamingWorkload
{
    /// <summary>The parallelism of every peer.</summary>
    public const int Parallelism = 16;

    /// <summary>The reordering window of the ordered stream.</summary>
    public const int Window = 2 * Parallelism;

    static readonly GroupOptions Options = GroupOptions.Default with { MaxParallelism = Parallelism };

    /// <summary>The lazy source: 0 .. n-1, made one at a time.</summary>
    public static IEnumerable<int> Source(long n)
    {
        for (long i = 0; i < n; i++) yield return (int)(i % int.MaxValue);
    }

    /// <summary>The sum every peer must give.</summary>
    public static long Expected(long n) => Source(n).Sum(i => (long)i);

    /// <summary><c>Group.StreamUnordered</c>, consumed as the values come.</summary>
    public static async Task<long> StreamUnordered(long n, Action<long>? sample = null)
    {
        long sum = 0, count = 0;
        await foreach (var done in Group.StreamUnordered(Source(n), Bodies.YieldThenReturn, Options))
        {
            sum += done.Value;
            sample?.Invoke(++count);
        }
        return sum;
    }

    /// <summary><c>Group.Stream</c>, in source order, window <see cref="Window"/>.</summary>
    public static async Task<long> StreamOrdered(long n, Action<long>? sample = null)
    {
        long sum = 0, count = 0;
        await foreach (var value in Group.Stream(Source(n), Bodies.YieldThenReturn, Window, Options))
        {
            sum += value;
            sample?.Invoke(++count);
        }
        return sum;
    }

    /// <summary><c>Group.TraverseStream</c>: the ordered <c>Seq</c> of every value, summed.</summary>
    public static async Task<long> TraverseStream(long n)
    {
        var values = await Group.TraverseStream(Source(n), Bodies.YieldThenReturn, Options).RunAsync();
        return values.Match(Succ: s => s.Sum(i => (long)i), Fail: _ => -1);
    }

    /// <summary><c>Parallel.ForEachAsync</c> over the same source.</summary>
    public static async Task<long> ParallelForEachAsync(long n, Action<long>? sample = null)
    {
        long sum = 0, count = 0;
        await Parallel.ForEachAsync(Source(n), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, ct) =>
        {
            Interlocked.Add(ref sum, await Bodies.YieldThenReturn(i, ct));
            var done = Interlocked.Increment(ref count);
            sample?.Invoke(done);
        });
        return sum;
    }

    /// <summary>A hand-written pipeline: one producer writes the source into a bounded channel, 16 workers read it;
    /// the first failure cancels the rest (what a careful hand would write).</summary>
    public static async Task<long> ChannelPipeline(long n, Action<long>? sample = null)
    {
        long sum = 0, count = 0;
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(Parallelism) { SingleWriter = true });
        using var cancel = new CancellationTokenSource();
        async Task Produce()
        {
            try
            {
                foreach (var item in Source(n)) await channel.Writer.WriteAsync(item, cancel.Token);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
                throw;
            }
        }
        async Task Work()
        {
            try
            {
                await foreach (var item in channel.Reader.ReadAllAsync(cancel.Token))
                {
                    Interlocked.Add(ref sum, await Bodies.YieldThenReturn(item, cancel.Token));
                    var done = Interlocked.Increment(ref count);
                    sample?.Invoke(done);
                }
            }
            catch
            {
                await cancel.CancelAsync();
                throw;
            }
        }
        var workers = new Task[Parallelism + 1];
        workers[0] = Produce();
        for (var w = 1; w <= Parallelism; w++) workers[w] = Work();
        await Task.WhenAll(workers);
        return sum;
    }
}

/// <summary>Workload 7 at 10,000 and 1,000,000 items (10 under <c>--smoke</c>).</summary>
[MemoryDiagnoser]
public class Streaming
{
    /// <summary>Number of items the source gives.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Smoke ? [10] : [10_000, 1_000_000];

    [Benchmark(Baseline = true, Description = "Parallel.ForEachAsync, 16")]
    public Task<long> ParallelForEachAsync() => StreamingWorkload.ParallelForEachAsync(N);

    [Benchmark(Description = "Channel pipeline, 16 workers")]
    public Task<long> ChannelPipeline() => StreamingWorkload.ChannelPipeline(N);

    [Benchmark(Description = "Group.StreamUnordered, 16")]
    public Task<long> StreamUnordered() => StreamingWorkload.StreamUnordered(N);

    [Benchmark(Description = "Group.Stream ordered, 16, window 32")]
    public Task<long> StreamOrdered() => StreamingWorkload.StreamOrdered(N);

    [Benchmark(Description = "Group.TraverseStream, 16 (keeps every value)")]
    public Task<long> TraverseStream() => StreamingWorkload.TraverseStream(N);
}
