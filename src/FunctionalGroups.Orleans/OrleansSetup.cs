using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace FunctionalGroups.Orleans;

/// <summary>
/// The set-up that makes a group's promises hold across an Orleans cluster: call it on every silo and on every client
/// whose groups have grain calls as children.
/// </summary>
/// <remarks>
/// <para>It sets two of Orleans' messaging options and adds one call filter:</para>
/// <list type="bullet">
/// <item><c>WaitForCancellationAcknowledgement = true</c>. Orleans' default is <c>false</c>: a cancelled call then
/// completes at once with an <see cref="OperationCanceledException"/> while the grain may still be running, so a group
/// would return before its remote child ended (rule O1 broken). With it, a cancelled call returns when the grain's
/// method has returned.</item>
/// <item><c>CancelRequestOnTimeout = true</c>. When a call's response timeout fires, Orleans also asks the grain to stop.
/// The child still fails (rule O2): asking is not knowing.</item>
/// <item>On a silo, an incoming call filter that writes the silo's name and address into the
/// <see cref="Exception.Data"/> of an exception leaving a grain method, so the caller's child can name the silo (O4).
/// The exception's type, message and stack are untouched.</item>
/// </list>
/// </remarks>
/// <example>
/// <code>
/// builder.UseOrleans(silo => silo.UseLocalhostClustering().AddFunctionalGroups());
/// builder.UseOrleansClient(client => client.UseLocalhostClustering().AddFunctionalGroups());
/// </code>
/// </example>
public static class OrleansSetup
{
    /// <summary>Sets up a silo for groups whose children are grain calls (see <see cref="OrleansSetup"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ISiloBuilder AddFunctionalGroups(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<SiloMessagingOptions>(Configure);
        builder.AddIncomingGrainCallFilter<SiloStamp>();
        return builder;
    }

    /// <summary>Sets up a client for groups whose children are grain calls (see <see cref="OrleansSetup"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IClientBuilder AddFunctionalGroups(this IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<ClientMessagingOptions>(Configure);
        return builder;
    }

    static void Configure(MessagingOptions options)
    {
        options.WaitForCancellationAcknowledgement = true;
        options.CancelRequestOnTimeout = true;
    }
}
