using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests;

/// <summary>The README's quick start, as a test: if it stops compiling or behaving, the README is wrong.</summary>
public class ReadmeTests
{
    sealed record Account(int Id);
    sealed record Transaction(int Id);
    sealed record Budget(string Category);

    sealed class Api(bool budgetsTimeOut)
    {
        public async Task<Account[]> FetchAccounts(CancellationToken ct)
        {
            await PoolYield.Yield();
            return [new Account(1)];
        }

        public async Task<Transaction[]> FetchTransactions(CancellationToken ct)
        {
            await PoolYield.Yield();
            return [new Transaction(1)];
        }

        public async Task<Budget[]> FetchBudgets(CancellationToken ct)
        {
            await PoolYield.Yield();
            return budgetsTimeOut ? throw new TimeoutException("budgets") : [new Budget("Food")];
        }
    }

    sealed class Cache
    {
        public (Account[], Transaction[], Budget[]) Last() => ([], [], []);
    }

    static async Task<Fin<(Account[], Transaction[], Budget[])>> QuickStart(Api api, Cache cache, CancellationToken cancellationToken)
    {
        var accounts     = Child.FromTask(ct => api.FetchAccounts(ct)).Named("accounts");
        var transactions = Child.FromTask(ct => api.FetchTransactions(ct)).Named("transactions");
        var budgets      = Child.FromTask(ct => api.FetchBudgets(ct)).Named("budgets");

        Aff<GroupRuntime, (Account[], Transaction[], Budget[])> fetchAll = Group.Zip(accounts, transactions, budgets);

        var handled = fetchAll.Catching(On.Exception<TimeoutException>(), timeouts => cache.Last());

        return await handled.RunAsync(cancellationToken);
    }

    [Fact]
    public async Task The_quick_start_fetches_everything_side_by_side()
    {
        var (accounts, transactions, budgets) = (await QuickStart(new Api(false), new Cache(), default)).Value();
        Assert.Single(accounts);
        Assert.Single(transactions);
        Assert.Single(budgets);
    }

    [Fact]
    public async Task The_quick_start_falls_back_to_the_cache_on_a_timeout()
    {
        var (accounts, _, _) = (await QuickStart(new Api(true), new Cache(), default)).Value();
        Assert.Empty(accounts);
    }
}
