namespace FunctionalGroups.Demo;

record Account(int Id, decimal Balance);
record Transaction(int Id, decimal Amount);
record Budget(string Category, decimal Limit, decimal Spent);

/// <summary>
/// A simulated API, like the seed's <c>fetch_*</c> coroutines. Every fetch observes its token, so a failing
/// sibling really cancels it. Which fetches were cancelled, and by whom, the group's error says
/// (<c>GroupError.Cancellation</c>).
/// </summary>
sealed class Api
{
    public async Task<Account[]> FetchAccounts(CancellationToken ct)
    {
        await Work("accounts", 300, ct).ConfigureAwait(false);
        return [new(1, 2500), new(2, 10000)];
    }

    public async Task<Transaction[]> FetchTransactions(CancellationToken ct)
    {
        await Work("transactions", 200, ct).ConfigureAwait(false);
        return [new(1, -45), new(2, 3000)];
    }

    public async Task<Budget[]> FetchBudgets(CancellationToken ct)
    {
        await Work("budgets", 250, ct).ConfigureAwait(false);
        return [new("Food", 400, 245)];
    }

    /// <summary>Fails after 100 ms, like the seed's <c>fetch_failing</c> (a ConnectionError there).</summary>
    public async Task FetchFailing(CancellationToken ct)
    {
        await Work("failing", 100, ct).ConfigureAwait(false);
        throw new HttpRequestException("API server unreachable");
    }

    /// <summary>Prints "Fetching..." (synchronously: children start in argument order), then works for
    /// <paramref name="ms"/> milliseconds unless cancelled first.</summary>
    public async Task Work(string name, int ms, CancellationToken ct)
    {
        Console.WriteLine($"  [{name}] Fetching...");
        await Task.Delay(ms, ct).ConfigureAwait(false);
    }
}

/// <summary>
/// A meeting point for <paramref name="parties"/> children: <see cref="Arrive"/> completes when all have arrived.
/// Scenario 3 uses it so that two children fail at the same moment.
/// </summary>
sealed class Gate(int parties)
{
    readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int arrived;

    public Task Arrive()
    {
        if (Interlocked.Increment(ref arrived) == parties) open.SetResult();
        return open.Task;
    }
}
