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
public class ThreeSilos : IAsyncLifetime
{
    InProcessTestCluster? cluster;

    /// <summary>Faster death detection, for the class that kills a silo.</summary>
    protected virtual void ConfigureMembership(ClusterMembershipOptions options)
    {
    }

    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <summary>The silo of index <paramref name="index"/>: silos in the order of their ports, as <see cref="SiloIndexPlacement"/> sees them.</summary>
    public InProcessSiloHandle Silo(int index) => Cluster.Silos.OrderBy(s => s.SiloAddress.Endpoint.Port).ElementAt(index);

    /// <summary>The label the silo's stamp and the test grains use: its name and its address.</summary>
    public string SiloLabel(int index) => $"{Silo(index).Name} ({Silo(index).SiloAddress})";

    /// <summary>Silo 0's grain factory: calls made through it are the silo's own, as a grain's are.</summary>
    public IGrainFactory HostFactory => Silo(0).SiloHost.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFunctionalGroups();
            silo.Services.AddPlacementDirector<SiloIndexPlacement, SiloIndexPlacementDirector>();
            silo.Services.Configure<ClusterMembershipOptions>(ConfigureMembership);
        });
        builder.ConfigureClient(client => client.AddFunctionalGroups());
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

/// <summary>A three-silo cluster whose membership declares a killed silo dead within a few seconds.</summary>
public sealed class ThreeSilosOneToKill : ThreeSilos
{
    protected override void ConfigureMembership(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 1;
        options.NumVotesForDeathDeclaration = 1;
    }
}
