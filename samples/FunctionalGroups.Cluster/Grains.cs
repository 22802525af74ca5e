using System.Collections.Concurrent;
using Orleans.Runtime;

namespace FunctionalGroups.Cluster;

[GenerateSerializer, Immutable]
public sealed record Account(int Id, decimal Balance);

[GenerateSerializer, Immutable]
public sealed record Transaction(int Id, decimal Amount);

[GenerateSerializer, Immutable]
public sealed record Budget(string Category, decimal Limit, decimal Spent);

/// <summary>The seed's <c>fetch_*</c> coroutines, each served by a grain; the key says which silo (<c>"2:accounts"</c>).</summary>
public interface IAccounts : IGrainWithStringKey
{
    Task<Account[]> Fetch(CancellationToken cancellationToken);
}

public interface ITransactions : IGrainWithStringKey
{
    Task<Transaction[]> Fetch(CancellationToken cancellationToken);
}

public interface IBudgets : IGrainWithStringKey
{
    Task<Budget[]> Fetch(CancellationToken cancellationToken);
}

/// <summary>Fails after 100 ms, like the seed's <c>fetch_failing</c> (a ConnectionError there).</summary>
public interface IFailing : IGrainWithStringKey
{
    Task Fetch(CancellationToken cancellationToken);
}

// Grain code: no ConfigureAwait(false), which would leave the activation's scheduler.
[SiloNumberPlacement]
public sealed class AccountsGrain(ILocalSiloDetails silo) : Grain, IAccounts
{
    public async Task<Account[]> Fetch(CancellationToken cancellationToken)
    {
        await Ledger.Work(this.GetPrimaryKeyString(), silo, 300, cancellationToken);
        return [new(1, 2500), new(2, 10000)];
    }
}

[SiloNumberPlacement]
public sealed class TransactionsGrain(ILocalSiloDetails silo) : Grain, ITransactions
{
    public async Task<Transaction[]> Fetch(CancellationToken cancellationToken)
    {
        await Ledger.Work(this.GetPrimaryKeyString(), silo, 200, cancellationToken);
        return [new(1, -45), new(2, 3000)];
    }
}

[SiloNumberPlacement]
public sealed class BudgetsGrain(ILocalSiloDetails silo) : Grain, IBudgets
{
    public async Task<Budget[]> Fetch(CancellationToken cancellationToken)
    {
        await Ledger.Work(this.GetPrimaryKeyString(), silo, 250, cancellationToken);
        return [new("Food", 400, 245)];
    }
}

[SiloNumberPlacement]
public sealed class FailingGrain(ILocalSiloDetails silo) : Grain, IFailing
{
    public async Task Fetch(CancellationToken cancellationToken)
    {
        await Ledger.Work(this.GetPrimaryKeyString(), silo, 100, cancellationToken);
        Ledger.Failed(this.GetPrimaryKeyString(), silo);
        throw new InvalidOperationException("API server unreachable");
    }
}

/// <summary>
/// What each grain did and where: the three silos run in this process, so the grains write here and the program prints
/// it in child order after the group has joined (the output never depends on which silo answered first).
/// </summary>
public static class Ledger
{
    static readonly ConcurrentDictionary<string, string> Entries = new();

    public static async Task Work(string key, ILocalSiloDetails silo, int ms, CancellationToken cancellationToken)
    {
        Entries[key] = $"started on {silo.Name}";
        try
        {
            await Task.Delay(ms, cancellationToken);
            Entries[key] = $"ran on {silo.Name}";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Entries[key] = $"cancelled on {silo.Name} (the grain saw its token, then its call returned)";
            throw;
        }
    }

    public static void Failed(string key, ILocalSiloDetails silo) => Entries[key] = $"failed on {silo.Name}";

    public static string Of(string key) => Entries.TryGetValue(key, out var entry) ? entry : "never started";
}
