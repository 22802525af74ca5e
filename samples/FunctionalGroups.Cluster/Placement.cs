using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace FunctionalGroups.Cluster;

/// <summary>
/// Puts a grain whose key starts with <c>"{n}:"</c> on silo n (1, 2, 3: the silos in the order of their ports), so the
/// demo decides which silo serves what. Real applications let Orleans place grains.
/// </summary>
[Serializable, GenerateSerializer, Immutable]
public sealed class SiloNumberPlacement : PlacementStrategy;

[AttributeUsage(AttributeTargets.Class)]
public sealed class SiloNumberPlacementAttribute() : PlacementAttribute(new SiloNumberPlacement());

public sealed class SiloNumberPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(silo => silo.Endpoint.Port).ToArray();
        var key = target.GrainIdentity.Key.ToString()!;
        var number = int.Parse(key[..key.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(silos[(number - 1) % silos.Length]);
    }
}
