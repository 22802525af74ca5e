namespace FunctionalGroups.Systematic.Harness;

/// <summary>
/// What a scenario sets up outside the group it explores: the caller's token (cancelled by a concurrent task when the
/// canceller is <see cref="Outside.Parent"/>), the group's options (a timeout on <see cref="ControlledTime"/> when it
/// is <see cref="Outside.Timeout"/>), and what the laws may then allow.
/// </summary>
sealed class Outsiders : IDisposable
{
    readonly Task cancelling = Task.CompletedTask;

    public Outsiders(Outside outside, int? limit)
    {
        Options = new GroupOptions
        {
            MaxParallelism = limit,
            Timeout = outside is Outside.Timeout ? TimeSpan.FromSeconds(1) : null,
            TimeProvider = Time,
        };
        if (outside is Outside.Parent)
            cancelling = Task.Run(async () =>
            {
                await Task.Yield();
                Parent.Cancel();
            });
    }

    public CancellationTokenSource Parent { get; } = new();

    public ControlledTime Time { get; } = new();

    public GroupOptions Options { get; }

    /// <summary>The runtime the group runs under: the caller's token.</summary>
    public GroupRuntime Runtime => GroupRuntime.New(Parent);

    /// <summary>What the laws allow after the run: the timeout's entry if it fired, <c>Errors.Cancelled</c> alone if
    /// the caller cancelled.</summary>
    public Laws.Allowances Allowances(bool someMayGoUnreported = false) =>
        new(TimedOut: Time.Fired, ParentCancelled: Parent.IsCancellationRequested, SomeMayGoUnreported: someMayGoUnreported);

    /// <summary>Waits for the cancelling task and every timer firing: no operation outlives its schedule.</summary>
    public async Task Settled()
    {
        await cancelling;
        await Time.Settled;
    }

    public void Dispose() => Parent.Dispose();
}
