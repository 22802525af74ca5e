using LanguageExt;
using LanguageExt.Effects.Traits;
using Orleans.Runtime;

namespace FunctionalGroups.Orleans;

/// <summary>
/// Children that are grain calls: the call receives the group's <see cref="CancellationToken"/>, which Orleans carries
/// to the grain on whatever silo it runs, so a failing sibling cancels the remote work (rules O1-O4, docs/rules.md).
/// </summary>
/// <remarks>
/// <para>A failure is named after the grain and the silo that ran it: <c>"budget/s2 on Secondary_2
/// (S127.0.0.1:11113:…)"</c>. The name is found when the call fails, from the stamp the silo's filter writes
/// (<see cref="OrleansSetup.AddFunctionalGroups(global::Orleans.Hosting.ISiloBuilder)"/>) or from Orleans' own message.</para>
/// <para>Two of Orleans' failures are given their meaning: a response timeout becomes a
/// <see cref="RemoteEndUnconfirmedError"/> (O2), a <c>SiloUnavailableException</c> a <see cref="SiloLostError"/>
/// (O3). Every other failure is the grain's own exception, unchanged, under the name.</para>
/// <para>Join-all across the network needs <c>WaitForCancellationAcknowledgement</c> on the calling side, which
/// <see cref="OrleansSetup"/> sets: without it Orleans ends a cancelled call before the grain has ended.</para>
/// </remarks>
/// <example>
/// <code>
/// var budgets = GrainChild.Call(factory.GetGrain&lt;IBudgets&gt;(user), (g, ct) => g.Fetch(ct));
/// var fin = await Group.All(accounts, transactions, budgets).RunAsync(requestAborted);
/// </code>
/// </example>
public static class GrainChild
{
    /// <summary>A child that calls <paramref name="grain"/> through <paramref name="call"/> with the group's token.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="grain"/> or <paramref name="call"/> is null.</exception>
    public static Aff<RT, A> Call<RT, TGrain, A>(TGrain grain, Func<TGrain, CancellationToken, Task<A>> call)
        where RT : struct, HasCancel<RT>
        where TGrain : IAddressable
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(call);
        var id = grain.GetGrainId().ToString();
        return Child.FromTask<RT, A>(token => call(grain, token)).MapFail(error => RemoteOutcome.Name(id, error));
    }

    /// <summary>A child that calls <paramref name="grain"/> through <paramref name="call"/> with the group's token.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="grain"/> or <paramref name="call"/> is null.</exception>
    public static Aff<RT, Unit> Call<RT, TGrain>(TGrain grain, Func<TGrain, CancellationToken, Task> call)
        where RT : struct, HasCancel<RT>
        where TGrain : IAddressable
    {
        ArgumentNullException.ThrowIfNull(call);
        return Call<RT, TGrain, Unit>(grain, async (g, token) =>
        {
            await call(g, token).ConfigureAwait(false);
            return Unit.Default;
        });
    }

    /// <inheritdoc cref="Call{RT, TGrain, A}(TGrain, Func{TGrain, CancellationToken, Task{A}})"/>
    public static Aff<GroupRuntime, A> Call<TGrain, A>(TGrain grain, Func<TGrain, CancellationToken, Task<A>> call)
        where TGrain : IAddressable =>
        Call<GroupRuntime, TGrain, A>(grain, call);

    /// <inheritdoc cref="Call{RT, TGrain}(TGrain, Func{TGrain, CancellationToken, Task})"/>
    public static Aff<GroupRuntime, Unit> Call<TGrain>(TGrain grain, Func<TGrain, CancellationToken, Task> call)
        where TGrain : IAddressable =>
        Call<GroupRuntime, TGrain>(grain, call);
}
