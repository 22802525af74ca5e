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
/// <remarks>
/// It places only when the placing silo sees the whole cluster: with a silo missing from its view, an index would
/// name another silo (the grain meant for silo 2 landing on silo 0), so it refuses rather than guess.
/// <see cref="ThreeSilos"/> waits for every silo to see the others before a test runs.
/// </remarks>
public sealed class SiloIndexPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(silo => silo.Endpoint.Port).ToArray();
        var key = target.GrainIdentity.Key.ToString()!;
        var index = int.Parse(key[..key.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        if (silos.Length != ThreeSilos.SiloCount)
        {
            throw new InvalidOperationException(
                $"{context.LocalSilo} sees {silos.Length} of the {ThreeSilos.SiloCount} silos ({string.Join(", ", silos.AsEnumerable())}): it cannot tell which is silo {index}.");
        }
        return Task.FromResult(silos[index]);
    }
}
