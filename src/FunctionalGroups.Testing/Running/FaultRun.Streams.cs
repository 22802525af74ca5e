using LanguageExt;

namespace FunctionalGroups.Testing;

/// <summary>The interpreter of streaming groups: a <see cref="GroupShape.Stream"/> node's children fed to the library's
/// real <c>Group.TraverseStream</c> as a lazy source, with what the kit needs to judge S1 on its own.</summary>
public sealed partial class FaultRun
{
    readonly Dictionary<int, StreamSeen> streams = [];   // guarded by itself: what each stream node's source saw

    /// <summary>What each stream node's source saw, by node.</summary>
    internal IReadOnlyDictionary<int, StreamSeen> Streams
    {
        get
        {
            lock (streams) return new Dictionary<int, StreamSeen>(streams);
        }
    }

    /// <summary>
    /// A stream node: <c>Group.TraverseStream</c> over an <c>IAsyncEnumerable</c> of its children (their node indices),
    /// each item run as its child. The source is lazy and each of its <c>MoveNextAsync</c> completes at once; it records
    /// every pull with how many items were pulled and not yet ended, which S1 bounds by the limit. Each run of the effect
    /// enumerates the source again (S7).
    /// <para>
    /// On the clock: under a limit the library's feeder waits for a free slot and resumes on the thread pool when an
    /// item ends. So the stream holds the clock (a live member, not parked) from each item's end until the feeder
    /// started its next item, disposed the source with items still running, or the stream answered; its answer is
    /// delivered on the driver's thread through the clock's scheduler. The driver therefore never moves while the
    /// feeder works off its thread, and the run's order never depends on thread timing.
    /// </para>
    /// </summary>
    Aff<GroupRuntime, Seq<Seq<int>>> StreamOf(int node, GroupOptions options)
    {
        var children = layout.Below(node).ToArray();
        return Aff<GroupRuntime, Seq<Seq<int>>>.EffectMaybe(rt =>
        {
            var seen = new StreamSeen(options.MaxParallelism, clock);
            lock (streams) streams[node] = seen;
            var source = new PlanSource(this, node, children, seen);
            Aff<GroupRuntime, Seq<int>> Item(int child) => Counted(child, seen);
            var stream = hooks.Stream is { } broken
                ? broken(source, Item, options)
                : Group.TraverseStream<GroupRuntime, int, Seq<int>>(source, Item, options);
            var running = stream.Run(rt);
            if (running.IsCompleted)
            {
                seen.Answered();
                return running;
            }
            // Completed synchronously on purpose: the answer is posted to the driver before the clock is let go.
            var back = new TaskCompletionSource<Fin<Seq<Seq<int>>>>();
            running.AsTask().ContinueWith(static (t, s) =>
            {
                var (clock, back, seen) = ((StepClock, TaskCompletionSource<Fin<Seq<Seq<int>>>>, StreamSeen))s!;
                clock.Schedule(static r => { var (b, f) = ((TaskCompletionSource<Fin<Seq<Seq<int>>>>, Fin<Seq<Seq<int>>>))r!; b.SetResult(f); }, (back, t.Result));
                seen.Answered();
            }, (clock, back, seen), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return new ValueTask<Fin<Seq<Seq<int>>>>(back.Task);
        });
    }

    /// <summary>An item of a stream: the child's node, its start and end counted as the kit sees them (the end before the
    /// library sees it). Not an async frame around the child's start: a context the child's synchronous start leaves
    /// behind stays visible to the library, as it is for any other child (G16).</summary>
    Aff<GroupRuntime, Seq<int>> Counted(int child, StreamSeen seen) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(rt =>
        {
            seen.Starting();
            ValueTask<Fin<Seq<int>>> running;
            try
            {
                running = Node(child, null).Run(rt);
            }
            catch
            {
                seen.Started();
                seen.Ended();
                throw;
            }
            seen.Started();
            if (running.IsCompleted)
            {
                seen.Ended();
                return running;
            }
            return EndedThen(running, seen);
        });

    static async ValueTask<Fin<Seq<int>>> EndedThen(ValueTask<Fin<Seq<int>>> running, StreamSeen seen)
    {
        try
        {
            return await running.ConfigureAwait(false);
        }
        finally
        {
            seen.Ended();
        }
    }

    /// <summary>A stream's source: its children in order, each <c>MoveNextAsync</c> complete at once, every pull
    /// recorded (and noted in the trace).</summary>
    sealed class PlanSource(FaultRun run, int node, int[] children, StreamSeen seen) : IAsyncEnumerable<int>
    {
        public IAsyncEnumerator<int> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(run, node, children, seen);

        sealed class Enumerator(FaultRun run, int node, int[] children, StreamSeen seen) : IAsyncEnumerator<int>
        {
            int next;

            public int Current { get; private set; } = -1;

            public ValueTask<bool> MoveNextAsync()
            {
                if (next >= children.Length) return new ValueTask<bool>(false);
                Current = children[next++];
                var inFlight = seen.Pulled(Current);
                run.Note(node, $"pulls #{Current} ({inFlight} in flight)");
                return new ValueTask<bool>(true);
            }

            public ValueTask DisposeAsync()
            {
                run.Note(node, "disposes its source");
                seen.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}

/// <summary>What a stream node's source saw: every pull with the items then pulled and not ended (S1); and the hold the
/// stream keeps on the run's clock while the library's feeder may work off the driver's thread (see
/// <c>FaultRun.StreamOf</c>).</summary>
internal sealed class StreamSeen(int? limit, StepClock clock)
{
    readonly object gate = new();
    readonly List<(int Child, int InFlight)> pulls = [];   // guarded by gate
    int pulled, starting, ended, holds;                     // guarded by gate
    bool disposed, answered;                                // guarded by gate

    /// <summary>The stream's limit (null: none, every item may be pulled at once).</summary>
    public int? Limit { get; } = limit;

    /// <summary>The pulls in order: the child pulled, and how many items were pulled and not ended, this one included.</summary>
    public IReadOnlyList<(int Child, int InFlight)> Pulls
    {
        get
        {
            lock (gate) return pulls.ToArray();
        }
    }

    /// <summary>The source's enumerator was disposed.</summary>
    public bool Disposed
    {
        get
        {
            lock (gate) return disposed;
        }
    }

    /// <summary>A pull of <paramref name="child"/>: the items now pulled and not ended.</summary>
    public int Pulled(int child)
    {
        lock (gate)
        {
            pulled++;
            var inFlight = pulled - ended;
            pulls.Add((child, inFlight));
            return inFlight;
        }
    }

    /// <summary>An item's child is about to start.</summary>
    public void Starting()
    {
        lock (gate) starting++;
    }

    /// <summary>An item's child has started (its synchronous start returned): a hold an item's end took is let go, the
    /// feeder having done what that end woke it for.</summary>
    public void Started() => Let(1);

    /// <summary>An item ended. Until the source is disposed the feeder may wake on the thread pool to pull the next item:
    /// the stream holds the clock until it started it. After, the last end holds it until the stream answered.</summary>
    public void Ended()
    {
        lock (gate)
        {
            ended++;
            if (answered || (disposed && ended < starting)) return;
            holds++;
        }
        clock.Enter();
    }

    /// <summary>The source was disposed: with items still running, their ends come on the driver's thread and the
    /// holds are let go; with none, the feeder answers next (the holds are let go then).</summary>
    public void Dispose()
    {
        bool running;
        lock (gate)
        {
            disposed = true;
            running = ended < starting;
        }
        if (running) Let(int.MaxValue);
    }

    /// <summary>The stream answered (its answer posted to the driver): every hold is let go.</summary>
    public void Answered()
    {
        lock (gate) answered = true;
        Let(int.MaxValue);
    }

    void Let(int most)
    {
        int let;
        lock (gate)
        {
            let = Math.Min(most, holds);
            holds -= let;
        }
        for (var i = 0; i < let; i++) clock.Exit();
    }
}
