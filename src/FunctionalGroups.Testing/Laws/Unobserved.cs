using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FunctionalGroups.Testing;

/// <summary>
/// G12, checked: runs a plan, lets the run's tasks be collected, and listens to
/// <see cref="TaskScheduler.UnobservedTaskException"/> for <see cref="InjectedException"/>s of that run. The event is
/// process-wide, so an event counts only when it carries an injected exception whose run id is this run's.
/// </summary>
internal static class Unobserved
{
    static readonly ConcurrentDictionary<long, ConcurrentQueue<string>> watched = new();
    static int subscribed;

    /// <summary>Runs <paramref name="execute"/> (the run numbered <paramref name="run"/>), lets its tasks be collected,
    /// and gives the unobserved exceptions injected by that run.</summary>
    public static async Task<string[]> Watch(long run, Func<Task> execute)
    {
        if (Interlocked.Exchange(ref subscribed, 1) == 0) TaskScheduler.UnobservedTaskException += Record;
        watched.TryAdd(run, new ConcurrentQueue<string>());
        await RunAndForget(execute).ConfigureAwait(false);
        // Unobserved exceptions are raised by the finalizers of collected tasks: collect twice around the finalizers.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return watched.TryRemove(run, out var queue) ? queue.ToArray() : [];
    }

    /// <summary>Runs <paramref name="execute"/>, watched (see <see cref="Watch"/>) when <paramref name="watch"/>, else
    /// plainly (no unobserved exceptions reported).</summary>
    public static async Task<string[]> Maybe(bool watch, long run, Func<Task> execute)
    {
        if (watch) return await Watch(run, execute).ConfigureAwait(false);
        await execute().ConfigureAwait(false);
        return [];
    }

    /// <summary>Awaits the run in a frame of its own, so that no reference to its tasks stays on this one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static async Task RunAndForget(Func<Task> execute) => await execute().ConfigureAwait(false);

    static void Record(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        var pending = new Stack<Exception>();
        pending.Push(e.Exception);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next is InjectedException injected && watched.TryGetValue(injected.Run, out var queue))
                queue.Enqueue(injected.Message);
            if (next is AggregateException many)
                foreach (var inner in many.InnerExceptions) pending.Push(inner);
            else if (next.InnerException is { } inner) pending.Push(inner);
        }
    }
}
