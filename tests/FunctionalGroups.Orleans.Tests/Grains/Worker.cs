using FunctionalGroups.Orleans.Tests.Cluster;
using Orleans;
using Orleans.Runtime;

namespace FunctionalGroups.Orleans.Tests.Grains;

/// <summary>A worker grain driven by its <see cref="Script"/>; its key is <c>"{silo}:{test}:{name}"</c>.</summary>
public interface IWorker : IGrainWithStringKey
{
    Task<string> Work(CancellationToken cancellationToken);

    /// <summary>Does nothing: activates the grain before a test's timed call.</summary>
    Task Ping();

    /// <summary>The same work, with a response timeout of one second (Orleans' per-method attribute).</summary>
    [ResponseTimeout("00:00:01")]
    Task<string> WorkShortTimeout(CancellationToken cancellationToken);
}

// Grain code: no ConfigureAwait(false), which would leave the activation's scheduler.
[SiloIndexPlacement]
public sealed class Worker(ILocalSiloDetails silo) : Grain, IWorker
{
    public Task<string> WorkShortTimeout(CancellationToken cancellationToken) => Work(cancellationToken);

    public Task Ping() => Task.CompletedTask;

    public async Task<string> Work(CancellationToken cancellationToken)
    {
        var script = Scripts.Of(this.GetPrimaryKeyString());
        script.Started.TrySetResult($"{silo.Name} ({silo.SiloAddress})");
        try
        {
            switch (script.Behaviour)
            {
                case Behaviour.Succeed:
                    await script.Release.Task;
                    return script.Value;
                case Behaviour.Fail:
                    await script.FailAfter;
                    throw script.Throws ?? new InvalidOperationException($"{script.Value} failed");
                case Behaviour.AwaitCancel:
                    try
                    {
                        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                        return script.Value;
                    }
                    catch (OperationCanceledException)
                    {
                        script.CancelSeen.TrySetResult();
                        await script.Release.Task;
                        throw;
                    }
                default:
                    using (cancellationToken.Register(() => script.CancelSeen.TrySetResult()))
                    {
                        await script.Release.Task;
                    }
                    return script.Value;
            }
        }
        finally
        {
            script.Ended.TrySetResult();
        }
    }
}
