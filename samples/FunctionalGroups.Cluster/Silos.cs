using System.Net;
using Orleans.Configuration;
using FunctionalGroups.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionalGroups.Cluster;

/// <summary>Three silos and a client in this process, on localhost ports (Orleans' development clustering).</summary>
public sealed class Silos : IAsyncDisposable
{
    const int SiloPort = 11111;
    const int GatewayPort = 30000;
    readonly List<IHost> hosts = [];

    public IClusterClient Client { get; private set; } = null!;

    public static async Task<Silos> Start()
    {
        var silos = new Silos();
        var primary = new IPEndPoint(IPAddress.Loopback, SiloPort);
        for (var n = 1; n <= 3; n++)
        {
            var number = n;
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.None);
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(SiloPort + number - 1, GatewayPort + number - 1, primary);
                silo.Configure<SiloOptions>(options => options.SiloName = $"silo{number}");
                // Join-all across silos: a cancelled call waits for the grain's end; failures name their silo.
                silo.AddFunctionalGroups();
                silo.Services.AddPlacementDirector<SiloNumberPlacement, SiloNumberPlacementDirector>();
            });
            var host = builder.Build();
            await host.StartAsync();
            silos.hosts.Add(host);
        }

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.None);
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering([GatewayPort, GatewayPort + 1, GatewayPort + 2])
            .AddFunctionalGroups());
        var clientHost = clientBuilder.Build();
        await clientHost.StartAsync();
        silos.hosts.Add(clientHost);
        silos.Client = clientHost.Services.GetRequiredService<IClusterClient>();
        return silos;
    }

    public async ValueTask DisposeAsync()
    {
        // The client first, then the silos, the primary (silo1) last.
        for (var i = hosts.Count - 1; i >= 0; i--)
        {
            await hosts[i].StopAsync();
            hosts[i].Dispose();
        }
    }
}
