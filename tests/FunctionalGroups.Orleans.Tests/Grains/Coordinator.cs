using FunctionalGroups.Orleans.Tests.Cluster;
using Orleans;

namespace FunctionalGroups.Orleans.Tests.Grains;

/// <summary>A grain that runs a group of worker calls for its caller: groups nested across silos (rule O5).</summary>
public interface ICoordinator : IGrainWithStringKey
{
    Task<string[]> RunAll(string[] workers, CancellationToken cancellationToken);
}

[SiloIndexPlacement]
public sealed class Coordinator : Grain, ICoordinator
{
    public Task<string[]> RunAll(string[] workers, CancellationToken cancellationToken) =>
        GrainGroup.Run(
            Group.All(workers.Select(key => GrainChild.Call(GrainFactory.GetGrain<IWorker>(key), (g, ct) => g.Work(ct))))
                .Map(values => values.ToArray()),
            cancellationToken);
}
