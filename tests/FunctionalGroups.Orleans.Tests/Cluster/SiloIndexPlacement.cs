using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace FunctionalGroups.Orleans.Tests.Cluster;

/// <summary>
/// Puts a grain whose key starts with <c>"{index}:"</c> on the silo of that index, silos in the order of their ports.
/// Tests need to know which silo runs what.
/// </summary>
[Serializable, GenerateSerializer, Immutable]
public sealed class SiloIndexPlacement : PlacementStrategy;

/// <summary>Marks a grain class placed by <see cref="SiloIndexPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SiloIndexPlacementAttribute() : PlacementAttribute(new SiloIndexPlacement());

/// <summary>The director behind <see cref="SiloIndexPlacement"/>.</summary>
public sealed class SiloIndexPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(silo => silo.Endpoint.Port).ToArray();
        var key = target.GrainIdentity.Key.ToString()!;
        var index = int.Parse(key[..key.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(silos[index % silos.Length]);
    }
}
