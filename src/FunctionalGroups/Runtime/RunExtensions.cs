using FunctionalGroups.Engine;
using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups;

/// <summary>Running effects on the shipped <see cref="GroupRuntime"/> with a plain <see cref="CancellationToken"/>.</summary>
public static class RunExtensions
{
    /// <summary>
    /// Runs <paramref name="effect"/> on a fresh <see cref="GroupRuntime"/> whose source is linked to
    /// <paramref name="cancellationToken"/>; the source and the link are disposed before the returned value completes.
    /// </summary>
    /// <example><code>Fin&lt;Seq&lt;int&gt;&gt; fin = await Group.All(children).RunAsync(requestAborted);</code></example>
    public static ValueTask<Fin<A>> RunAsync<A>(this Aff<GroupRuntime, A> effect, CancellationToken cancellationToken = default)
    {
        // G16: what the effect's synchronous start writes to AsyncLocal values (or the synchronization context it sets)
        // never reaches the caller, as with an async method, which this was. With the flow suppressed there is no
        // context to restore: that rare case keeps the async method.
        var callerContext = ExecutionContext.Capture();
        if (callerContext is null) return RunWithoutFlow(effect, cancellationToken);
        var callerSync = SynchronizationContext.Current;
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ValueTask<Fin<A>> running;
        try
        {
            running = Start(ref effect, GroupRuntime.New(source));
        }
        catch (Exception e)
        {
            // What Aff.Run does with an effect that throws as it starts: the exception is its failure.
            running = new(Fin<A>.Fail(Error.New(e)));
        }
        finally
        {
            ExecutionContext.Restore(callerContext);
            if (SynchronizationContext.Current != callerSync) SynchronizationContext.SetSynchronizationContext(callerSync);
        }
        if (running.IsCompletedSuccessfully)
        {
            source.Dispose();
            return running;
        }
        // Only the running value and the source wait for the end: the effect itself (a group's children, say) is no
        // longer referenced from here, so the run keeps alive only what it still needs.
        return Ended(running, source);
    }

    /// <summary>The effect's function called directly when it can be read (<see cref="AffThunk{RT, A}"/>), so no
    /// state machine of <c>Aff.Run</c> holds the effect for the whole run; otherwise <c>Aff.Run</c>.</summary>
    static ValueTask<Fin<A>> Start<A>(ref Aff<GroupRuntime, A> effect, GroupRuntime runtime)
    {
        if (!AffThunk<GroupRuntime, A>.Available) return effect.Run(runtime);
        return AffThunk<GroupRuntime, A>.Of(ref effect) is { } thunk ? thunk(runtime) : new(Fin<A>.Fail(Errors.Bottom));
    }

    static async ValueTask<Fin<A>> RunWithoutFlow<A>(Aff<GroupRuntime, A> effect, CancellationToken cancellationToken)
    {
        using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return await effect.Run(GroupRuntime.New(source)).ConfigureAwait(false);
    }

    static async ValueTask<Fin<A>> Ended<A>(ValueTask<Fin<A>> running, CancellationTokenSource source)
    {
        using (source)
        {
            try
            {
                return await running.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return Fin<A>.Fail(Error.New(e));
            }
        }
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
