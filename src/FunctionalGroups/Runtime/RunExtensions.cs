using LanguageExt;

namespace FunctionalGroups;

/// <summary>Running effects on the shipped <see cref="GroupRuntime"/> with a plain <see cref="CancellationToken"/>.</summary>
public static class RunExtensions
{
    /// <summary>
    /// Runs <paramref name="effect"/> on a fresh <see cref="GroupRuntime"/> whose source is linked to
    /// <paramref name="cancellationToken"/>; the source and the link are disposed before this returns.
    /// </summary>
    /// <example><code>Fin&lt;Seq&lt;int&gt;&gt; fin = await Group.All(children).RunAsync(requestAborted);</code></example>
    public static async ValueTask<Fin<A>> RunAsync<A>(this Aff<GroupRuntime, A> effect, CancellationToken cancellationToken = default)
    {
        using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return await effect.Run(GroupRuntime.New(source)).ConfigureAwait(false);
    }
}

/// <summary>Running runtime-free groups (<c>Group.All</c>, <c>Zip</c>, <c>Settle</c>, … over <c>Aff&lt;A&gt;</c>/<c>Eff&lt;A&gt;</c>).</summary>
public static class RuntimeFreeRunExtensions
{
    /// <summary>
    /// Runs <paramref name="effect"/>, the same as <c>effect.Run()</c>: the name every group shares, so a runtime-free
    /// group runs as the others do. It takes no token: an <c>Aff&lt;A&gt;</c> cannot observe one. To cancel, use
    /// children that take a token (<c>Child.FromTask</c>) and <c>RunAsync(token)</c> on the shipped runtime.
    /// </summary>
    public static ValueTask<Fin<A>> RunAsync<A>(this Aff<A> effect) => effect.Run();
}
