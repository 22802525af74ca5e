using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace FunctionalGroups.Orleans.Tests.Cluster;

/// <summary>
/// A real three-silo cluster in this process (Orleans.TestingHost, in-memory transport), every silo and the client set
/// up with <see cref="OrleansSetup"/>. One per test class: starting a cluster is the slow part.
/// </summary>
/// <remarks>
/// <see cref="InitializeAsync"/> returns only once every silo's cluster manifest holds the three silos: placement
/// (<see cref="SiloIndexPlacement"/>) chooses among the silos the placing silo's manifest holds, and a silo learns of
/// the others some time after <c>DeployAsync</c> returns (its wait for a stable view gives up at once in Orleans 10.4).
/// Before that a grain meant for silo 2 lands elsewhere. The wait is on the manifests' own updates, not on a clock.
/// </remarks>
public class ThreeSilos : IAsyncLifetime
{
    /// <summary>How many silos the cluster has: <see cref="SiloIndexPlacementDirector"/> places only once it sees them all.</summary>
    public const int SiloCount = 3;

    /// <summary>Only against a hang while the cluster forms; never a timing assertion.</summary>
    static readonly TimeSpan FormingGuard = TimeSpan.FromMinutes(2);

    InProcessTestCluster? cluster;

    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <summary>The silo of index <paramref name="index"/>: silos in the order of their ports, as <see cref="SiloIndexPlacement"/> sees them.</summary>
    public InProcessSiloHandle Silo(int index) => Cluster.Silos.OrderBy(s => s.SiloAddress.Endpoint.Port).ElementAt(index);

    /// <summary>The label the silo's stamp and the test grains use: its name and its address.</summary>
    public string SiloLabel(int index) => $"{Silo(index).Name} ({Silo(index).SiloAddress})";

    /// <summary>Silo 0's grain factory: calls made through it are the silo's own, as a grain's are.</summary>
    public IGrainFactory HostFactory => Silo(0).SiloHost.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFunctionalGroups();
            silo.Services.AddPlacementDirector<SiloIndexPlacement, SiloIndexPlacementDirector>();
        });
        builder.ConfigureClient(client => client.AddFunctionalGroups());
        cluster = builder.Build();
        await cluster.DeployAsync();
        var silos = cluster.Silos.Select(silo => silo.SiloAddress).ToArray();
        await Task.WhenAll(cluster.Silos.Select(silo => EverySiloIsKnown(silo, silos))).WaitAsync(FormingGuard);
    }

    /// <summary>Completes once <paramref name="silo"/>'s cluster manifest (what its placement chooses from) holds every silo.</summary>
    static async Task EverySiloIsKnown(InProcessSiloHandle silo, SiloAddress[] silos)
    {
        var manifests = silo.SiloHost.Services.GetRequiredService<IClusterManifestProvider>();
        // The enumeration starts with the current manifest, then yields each update.
        await foreach (var manifest in manifests.Updates)
        {
            if (silos.All(manifest.Silos.ContainsKey)) return;
        }
        throw new InvalidOperationException($"{silo.Name} stopped before it knew every silo.");
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

/// <summary>
/// A three-silo cluster of its own for the class that kills a silo. The test declares the killed silo dead through
/// the membership (<see cref="IClusterMembershipService.TryKill"/>), so the membership keeps Orleans' default probe
/// settings: fast probes would also declare a live silo dead when the machine is busy.
/// </summary>
public sealed class ThreeSilosOneToKill : ThreeSilos;
