namespace FunctionalGroups.Tests.Support;

/// <summary>Small helpers for scope tests: spawning imperatively, waiting without sleeping.</summary>
internal static class ScopeKit
{
    /// <summary>Runs <c>scope.Spawn(child, name)</c> now (the spawn effect is synchronous) and gives its outcome.</summary>
    public static Fin<ChildHandle<GroupRuntime, A>> SpawnNow<R, A>(this GroupScope<GroupRuntime, R> scope, Aff<GroupRuntime, A> child, string? name = null)
    {
        var running = scope.Spawn(child, name).Run(GroupRuntime.Uncancellable);
        return running.IsCompleted ? running.Result : running.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Spawns now; a refused spawn throws (for tests where the spawn must be accepted).</summary>
    public static ChildHandle<GroupRuntime, A> SpawnOrThrow<R, A>(this GroupScope<GroupRuntime, R> scope, Aff<GroupRuntime, A> child, string? name = null) =>
        scope.SpawnNow(child, name).Match(Succ: h => h, Fail: e => throw new Xunit.Sdk.XunitException($"spawn refused: {e}"));

    /// <summary>Runs <c>scope.Cancel(value)</c> now.</summary>
    public static void CancelNow<R>(this GroupScope<GroupRuntime, R> scope, R value)
    {
        var running = scope.Cancel(value).Run(GroupRuntime.Uncancellable);
        if (!running.IsCompleted) running.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A body (or child) written as an async function of the member's token.</summary>
    public static Aff<GroupRuntime, A> Body<A>(Func<CancellationToken, Task<A>> run) => Child.FromTask(run);

    /// <summary>Completes when <paramref name="token"/> is cancelled, without throwing (ignores the cancellation).</summary>
    public static Task WhenCancelled(CancellationToken token)
    {
        var gate = Kids.Gate();
        token.Register(static g => ((TaskCompletionSource)g!).TrySetResult(), gate);
        return gate.Task;
    }

    /// <summary>Waits until the token is cancelled, then throws its <see cref="OperationCanceledException"/>.</summary>
    public static async Task<A> HangUntilCancelled<A>(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Yields to the pool until <paramref name="condition"/> holds (for conditions another thread makes true soon).</summary>
    public static async Task Until(Func<bool> condition)
    {
        while (!condition()) await PoolYield.Yield();
    }

    /// <summary>Waits until the child of <paramref name="handle"/> has ended and the scope has recorded it.</summary>
    public static Task Ended<A>(ChildHandle<GroupRuntime, A> handle) => Until(() => handle.Result.IsSome);

    /// <summary>The handle's outcome; fails the test when the child has not ended.</summary>
    public static Fin<A> Outcome<A>(this ChildHandle<GroupRuntime, A> handle) =>
        handle.Result.Match(Some: f => f, None: () => throw new Xunit.Sdk.XunitException("the child has not ended"));

    /// <summary>The entries of a group error, each stripped of its names.</summary>
    public static Error[] Own(this GroupError error) => error.Errors.Map(NamedError.Unnamed).ToArray();
}
