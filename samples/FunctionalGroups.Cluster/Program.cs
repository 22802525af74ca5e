using FunctionalGroups;
using FunctionalGroups.Cluster;
using FunctionalGroups.Orleans;
using LanguageExt;
using LanguageExt.Common;

// The seed's asyncio.TaskGroup demo (shared/seed/taskgroup-example.md) past one machine: accounts, transactions and
// budgets are served by grains on three silos, and the group's children are grain calls carrying its token.
Console.WriteLine("FunctionalGroups Cluster Demo (a group whose children run on three Orleans silos)");
Console.WriteLine("  starting silo1, silo2, silo3 and a client on localhost...");
await using var silos = await Silos.Start();
var grains = silos.Client;
Console.WriteLine();

// === All children succeed ===
Console.WriteLine("=== Group: All Children Succeed ===");
var fetchAll = Group.Zip(
    GrainChild.Call(grains.GetGrain<IAccounts>("1:accounts"), (g, ct) => g.Fetch(ct)),
    GrainChild.Call(grains.GetGrain<ITransactions>("2:transactions"), (g, ct) => g.Fetch(ct)),
    GrainChild.Call(grains.GetGrain<IBudgets>("3:budgets"), (g, ct) => g.Fetch(ct)));
var fin = await fetchAll.RunAsync();
fin.Match(
    Succ: results =>
    {
        var (accounts, transactions, budgets) = results;
        Console.WriteLine($"  Accounts: [{string.Join(", ", accounts)}]");
        Console.WriteLine($"  Transactions: [{string.Join(", ", transactions)}]");
        Console.WriteLine($"  Budgets: [{string.Join(", ", budgets)}]");
    },
    Fail: error => Console.WriteLine($"  Unexpected failure:\n{error}"));
Where("1:accounts", "2:transactions", "3:budgets");

// === One child fails: the failure on silo2 cancels the siblings on silo1 and silo3 ===
Console.WriteLine();
Console.WriteLine("=== Group: One Child Fails (on silo2) ===");
var withFailure = Group.Zip(
        GrainChild.Call(grains.GetGrain<IAccounts>("1:accounts-again"), (g, ct) => g.Fetch(ct)),
        GrainChild.Call(grains.GetGrain<IFailing>("2:failing"), (g, ct) => g.Fetch(ct)),
        GrainChild.Call(grains.GetGrain<ITransactions>("3:transactions-again"), (g, ct) => g.Fetch(ct)))
    .Map(_ =>
    {
        Console.WriteLine("  All children completed!"); // never reached: one child fails
        return Unit.Default;
    })
    // except* InvalidOperationException. The handler runs after the group has joined every remote child (rule O1):
    // the siblings' grains have seen their cancellation on their own silos and their calls have returned.
    .Catching(On.Exception<InvalidOperationException>(), failures =>
    {
        Console.WriteLine($"  Caught {failures.Leaves.Count} error(s):");
        foreach (var error in failures.Leaves) Console.WriteLine($"    - {error.Message}");
        Console.WriteLine();
        foreach (var line in failures.ToString().Split('\n')) Console.WriteLine($"    {line}");
        return Unit.Default;
    });
var handled = await withFailure.RunAsync();
handled.Match(Succ: _ => { }, Fail: error => Console.WriteLine($"  Unexpected failure:\n{error}"));
Where("1:accounts-again", "2:failing", "3:transactions-again");

Console.WriteLine();
Console.WriteLine("=== Key Takeaways ===");
Console.WriteLine("  1. GrainChild.Call hands the group's token to the grain call; Orleans carries it to the grain's silo");
Console.WriteLine("  2. With AddFunctionalGroups(), a cancelled call returns only when the grain's method has returned,");
Console.WriteLine("     so the group still waits for every child, wherever it runs (join-all across the network)");
Console.WriteLine("  3. Every failure is named after its grain and the silo that ran it");
Console.WriteLine("  4. A response timeout or a dead silo is a failure of its own, never a silent join (docs/rules.md, O1-O5)");

static void Where(params string[] keys)
{
    Console.WriteLine("  Where each child ran:");
    foreach (var key in keys) Console.WriteLine($"    [{key[(key.IndexOf(':') + 1)..].Replace("-again", "", StringComparison.Ordinal)}] {Ledger.Of(key)}");
}
