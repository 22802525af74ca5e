using System.Collections.Concurrent;

namespace FunctionalGroups.Tests.Support;

/// <summary>
/// A UI-like synchronization context: one dedicated thread runs every posted callback in order. If anything
/// blocked that thread while waiting for work posted to it, the run would never finish.
/// </summary>
internal sealed class SingleThreadContext : SynchronizationContext
{
    readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = new();

    public Thread? Thread { get; private set; }

    public override void Post(SendOrPostCallback d, object? state) => queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Send would block the UI thread.");

    /// <summary>Runs <paramref name="body"/> on the context's thread until it completes; the thread pumps meanwhile.</summary>
    public static Task<T> Run<T>(Func<Task<T>> body)
    {
        var context = new SingleThreadContext();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Thread = new Thread(() =>
        {
            SetSynchronizationContext(context);
            context.Post(async _ =>
            {
                try
                {
                    result.SetResult(await body());
                }
                catch (Exception e)
                {
                    result.SetException(e);
                }
                finally
                {
                    context.queue.CompleteAdding();
                }
            }, null);
            foreach (var (callback, state) in context.queue.GetConsumingEnumerable()) callback(state);
        }) { IsBackground = true, Name = "single-thread context" };
        context.Thread.Start();
        return result.Task;
    }
}
