namespace FunctionalGroups.Crawler;

/// <summary>
/// Pages that hang until the site is released: each fetch says it started (a gate, so "ready" is printed only once the
/// tree is provably in place), then waits for <see cref="Release"/> or its token.
/// </summary>
sealed class SlowSite(params string[] slowPages)
{
    readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Dictionary<string, TaskCompletionSource> started = slowPages.ToDictionary(
        page => page, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Completes once every slow page's fetch has started.</summary>
    public Task AllStarted => Task.WhenAll(started.Values.Select(gate => gate.Task));

    /// <summary>Lets every slow page finish.</summary>
    public void Release() => released.TrySetResult();

    /// <summary>Fetches <paramref name="page"/>: a slow one hangs until released, any other returns at once.</summary>
    public async Task<string> Fetch(string page, CancellationToken token)
    {
        if (started.TryGetValue(page, out var gate))
        {
            gate.TrySetResult();
            await released.Task.WaitAsync(token).ConfigureAwait(false);
        }
        return $"<html>{page}</html>";
    }
}
