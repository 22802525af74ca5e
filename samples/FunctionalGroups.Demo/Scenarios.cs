using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Demo;

/// <summary>The seed's three scenarios. Each group is an effect value; nothing runs until RunAsync.</summary>
static partial class Scenarios
{
    /// <summary>Seed: demo_taskgroup_success. Children of different types side by side give a tuple.</summary>
    public static async Task AllSucceed()
    {
        Console.WriteLine("=== Group: All Children Succeed ===");
        var api = new Api();

        var fetchAll = Group.Zip(
            Child.FromTask(ct => api.FetchAccounts(ct)).Named("accounts"),
            Child.FromTask(ct => api.FetchTransactions(ct)).Named("transactions"),
            Child.FromTask(ct => api.FetchBudgets(ct)).Named("budgets"));

        var fin = await fetchAll.RunAsync();

        fin.Match(
            Succ: results =>
            {
                var (accounts, transactions, budgets) = results;
                Console.WriteLine();
                Console.WriteLine("  Results:");
                Console.WriteLine($"    Accounts: {Show(accounts)}");
                Console.WriteLine($"    Transactions: {Show(transactions)}");
                Console.WriteLine($"    Budgets: {Show(budgets)}");
            },
            Fail: Unexpected);
    }

    /// <summary>Seed: demo_taskgroup_failure. The failure at 100 ms cancels the siblings (200 and 300 ms long).</summary>
    public static async Task OneFails()
    {
        Console.WriteLine();
        Console.WriteLine("=== Group: One Child Fails ===");
        var api = new Api();

        var fetchAll = Group.Zip(
            Child.FromTask(ct => api.FetchAccounts(ct)).Named("accounts"),
            Child.FromTask(ct => api.FetchFailing(ct)).Named("failing"),
            Child.FromTask(ct => api.FetchTransactions(ct)).Named("transactions"));

        var handled = fetchAll
            .Map(_ =>
            {
                Console.WriteLine("  All children completed!"); // never reached: one child fails
                return Unit.Default;
            })
            // except* HttpRequestException (Python's ConnectionError). The handler runs after the group has
            // joined every child (rule G1), so the list of cancelled siblings is complete here.
            .Catching(On.Exception<HttpRequestException>(), connectionErrors =>
            {
                Console.WriteLine();
                Console.WriteLine($"  Caught {connectionErrors.Leaves.Count} connection error(s):");
                foreach (var error in connectionErrors.Leaves) Console.WriteLine($"    - {error.Message}");
                Console.WriteLine("  (Other children were automatically cancelled)");
                foreach (var name in api.Cancelled("accounts", "failing", "transactions"))
                    Console.WriteLine($"  [{name}] cancelled");
                PrintTree(connectionErrors);
                return Unit.Default;
            })
            // except* Exception: whatever the first handler left.
            .Catching(On.Where(_ => true), others =>
            {
                Console.WriteLine();
                Console.WriteLine($"  Caught {others.Leaves.Count} other error(s):");
                foreach (var error in others.Leaves) Console.WriteLine($"    - {error.Message}");
                return Unit.Default;
            });

        var fin = await handled.RunAsync();
        fin.Match(Succ: _ => { }, Fail: Unexpected);
    }

    /// <summary>
    /// Seed: demo_taskgroup_multiple_failures, with both failures reported.
    /// </summary>
    /// <remarks>
    /// In the seed, timeout_task fails at 100 ms and cancels connection_task before its own failure at 150 ms:
    /// Python prints only "Timeout errors: 1" (our library would do the same, by rule G2). To show several
    /// failures handled by type, the two failing children here meet at a <see cref="Gate"/> and fail at the
    /// same moment: neither can be cancelled by the other, and a failure is never lost (rule G3), so the group
    /// reports both, while accounts (300 ms) is cancelled.
    /// </remarks>
    public static async Task MultipleFailures()
    {
        Console.WriteLine();
        Console.WriteLine("=== Group: Multiple Failures ===");
        var api = new Api();
        var gate = new Gate(2);

        async Task FailTimeout(CancellationToken ct)
        {
            await api.Work("timeout_task", 100, ct).ConfigureAwait(false);
            await gate.Arrive().ConfigureAwait(false);
            throw new TimeoutException("Request timed out");
        }

        async Task FailConnection(CancellationToken ct)
        {
            await api.Work("connection_task", 150, ct).ConfigureAwait(false);
            await gate.Arrive().ConfigureAwait(false);
            throw new HttpRequestException("Server unavailable");
        }

        var fetchAll = Group.Zip(
            Child.FromTask(FailTimeout).Named("timeout_task"),
            Child.FromTask(FailConnection).Named("connection_task"),
            Child.FromTask(ct => api.FetchAccounts(ct)).Named("accounts"));

        var handled = fetchAll
            .Map(_ => Unit.Default)
            .MapFail(error =>
            {
                Console.WriteLine("  (timeout_task and connection_task fail together at a gate, so both are reported)");
                foreach (var name in api.Cancelled("timeout_task", "connection_task", "accounts"))
                    Console.WriteLine($"  [{name}] cancelled");
                PrintTree(error);
                Console.WriteLine();
                return error;
            })
            .Catching(On.Exception<TimeoutException>(), timeouts =>
            {
                Console.WriteLine($"  Timeout errors: {timeouts.Leaves.Count}");
                return Unit.Default;
            })
            .Catching(On.Exception<HttpRequestException>(), connectionErrors =>
            {
                Console.WriteLine($"  Connection errors: {connectionErrors.Leaves.Count}");
                return Unit.Default;
            })
            .Catching(On.Where(_ => true), others =>
            {
                Console.WriteLine($"  Other errors: {others.Leaves.Count}");
                return Unit.Default;
            });

        var fin = await handled.RunAsync();
        fin.Match(Succ: _ => { }, Fail: Unexpected);
    }

    /// <summary>The rendered error tree (like Python's ExceptionGroup traceback), indented under the scenario.</summary>
    static void PrintTree(Error error)
    {
        Console.WriteLine();
        foreach (var line in error.ToString().Split('\n')) Console.WriteLine($"    {line}");
    }

    static void Unexpected(Error error) => Console.WriteLine($"  Unexpected failure:\n{error}");

    static string Show<T>(IEnumerable<T> items) => $"[{string.Join(", ", items)}]";
}
