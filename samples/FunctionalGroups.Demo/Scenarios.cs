using System.Diagnostics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

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

        // What the try gives when its failures were handled: no data (the seed's handlers only print).
        var noData = (System.Array.Empty<Account>(), unit, System.Array.Empty<Transaction>());

        var handled = fetchAll
            .Map(results =>
            {
                Console.WriteLine("  All children completed!"); // never reached: one child fails
                return results;
            })
            // The seed's two except* clauses, with Python's rules (each sees only the original group). HttpRequestException
            // is .NET's ConnectionError. The handlers run after the group has joined every child (rule G1); the group's
            // error says which siblings it cancelled, and why (GroupError.Cancellation).
            .Handle(clauses => clauses
                .On(On.Exception<HttpRequestException>(), connectionErrors =>
                {
                    Console.WriteLine();
                    Console.WriteLine($"  Caught {connectionErrors.Leaves.Count} HttpRequestException(s):");
                    foreach (var error in connectionErrors.Leaves) Console.WriteLine($"    - {Unnamed(error).Message}");
                    Console.WriteLine("  (Other children were automatically cancelled)");
                    if (connectionErrors.Cancellation is { } cancellation)
                        foreach (var child in cancellation.Children)
                            Console.WriteLine($"  [{child.Name}] cancelled by {cancellation.Describe()}");
                    PrintTree(connectionErrors);
                    return noData;
                })
                .On(On.Exception<Exception>(), others =>
                {
                    Console.WriteLine();
                    Console.WriteLine($"  Caught {others.Leaves.Count} other error(s):");
                    foreach (var error in others.Leaves) Console.WriteLine($"    - {TypeName(error)}: {Unnamed(error).Message}");
                    return noData;
                }));

        var fin = await handled.RunAsync();
        fin.Match(Succ: _ => { }, Fail: Unexpected);
    }

    /// <summary>
    /// Seed: demo_taskgroup_multiple_failures, twice. First as the seed runs it: timeout_task fails at 100 ms and
    /// cancels connection_task before its own failure at 150 ms, so only the timeout is reported, as Python prints
    /// "Timeout errors: 1" (rule G2: fail fast). Then with the two failing children meeting at a <see cref="Gate"/>, so
    /// that they fail at the same moment: neither can cancel the other, and a failure is never lost (rule G3), so the
    /// group reports both, while accounts (300 ms) is cancelled. The elapsed times show the fail-fast.
    /// </summary>
    public static async Task MultipleFailures()
    {
        Console.WriteLine();
        Console.WriteLine("=== Group: Multiple Failures ===");
        Console.WriteLine("  -- as the seed runs it: the first failure cancels the rest --");
        await MultipleFailures(gated: false).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine("  -- timeout_task and connection_task fail together at a gate: both are reported --");
        await MultipleFailures(gated: true).ConfigureAwait(false);
    }

    static async Task MultipleFailures(bool gated)
    {
        var api = new Api();
        var gate = new Gate(2);

        async Task FailTimeout(CancellationToken ct)
        {
            await api.Work("timeout_task", 100, ct).ConfigureAwait(false);
            if (gated) await gate.Arrive().ConfigureAwait(false);
            throw new TimeoutException("Request timed out");
        }

        async Task FailConnection(CancellationToken ct)
        {
            await api.Work("connection_task", 150, ct).ConfigureAwait(false);
            if (gated) await gate.Arrive().ConfigureAwait(false);
            throw new HttpRequestException("Server unavailable");
        }

        var fetchAll = Group.Zip(
            Child.FromTask(FailTimeout).Named("timeout_task"),
            Child.FromTask(FailConnection).Named("connection_task"),
            Child.FromTask(ct => api.FetchAccounts(ct)).Named("accounts"));
        var noData = (unit, unit, System.Array.Empty<Account>());

        var handled = fetchAll
            // Observes the whole group and leaves it failing, for the clauses below.
            .Observing(On.Exception<Exception>(), group =>
            {
                if (group.Cancellation is { } cancellation)
                    foreach (var child in cancellation.Children)
                        Console.WriteLine($"  [{child.Name}] cancelled by {cancellation.Describe()}");
                PrintTree(group);
                Console.WriteLine();
            })
            .Handle(clauses => clauses
                .On(On.Exception<TimeoutException>(), timeouts =>
                {
                    Console.WriteLine($"  Timeout errors: {timeouts.Leaves.Count}");
                    return noData;
                })
                .On(On.Exception<HttpRequestException>(), connectionErrors =>
                {
                    Console.WriteLine($"  Connection errors: {connectionErrors.Leaves.Count}");
                    return noData;
                })
                .On(On.Exception<Exception>(), others =>
                {
                    Console.WriteLine($"  Other errors: {others.Leaves.Count}");
                    return noData;
                }));

        var clock = Stopwatch.StartNew();
        var fin = await handled.RunAsync();
        Console.WriteLine($"  (the group ended after {clock.ElapsedMilliseconds} ms; accounts alone would take 300 ms)");
        fin.Match(Succ: _ => { }, Fail: Unexpected);
    }

    /// <summary>The child's own error, without the names around it.</summary>
    static Error Unnamed(Error error)
    {
        while (error is NamedError named) error = named.Error;
        return error;
    }

    /// <summary>The name Python would print for the failure: its exception's type, or its error type.</summary>
    static string TypeName(Error error) =>
        Unnamed(error) is var own && own.IsExceptional ? own.ToException().GetType().Name : Unnamed(error).GetType().Name;

    /// <summary>The rendered error tree (like Python's ExceptionGroup traceback), indented under the scenario.</summary>
    static void PrintTree(Error error)
    {
        Console.WriteLine();
        foreach (var line in error.ToString().Split('\n')) Console.WriteLine($"    {line}");
    }

    static void Unexpected(Error error) => Console.WriteLine($"  Unexpected failure:\n{error}");

    static string Show<T>(IEnumerable<T> items) => $"[{string.Join(", ", items)}]";
}
