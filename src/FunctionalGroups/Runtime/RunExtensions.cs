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
