using FunctionalGroups.Orleans.Tests.Grains;
using Orleans;

namespace FunctionalGroups.Orleans.Tests.Rules;

/// <summary>What the rule tests share: a worker child, the failure of an outcome, a guard against a hang.</summary>
internal static class Remote
{
    /// <summary>Only against a hang (a broken rule must fail the test, not stall the run); never a timing assertion.</summary>
    static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static IWorker Worker(IGrainFactory factory, string key) => factory.GetGrain<IWorker>(key);

    public static Aff<GroupRuntime, string> Child(IGrainFactory factory, string key) =>
        GrainChild.Call(Worker(factory, key), (g, ct) => g.Work(ct));

    public static string NameOf(IGrainFactory factory, string key, string silo) =>
        $"{Worker(factory, key).GetGrainId()} on {silo}";

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(HangGuard);

    public static Task Guarded(this Task task) => task.WaitAsync(HangGuard);

    public static Error FailureOf<A>(Fin<A> outcome) =>
        outcome.Match(value => throw new Xunit.Sdk.XunitException($"expected a failure, got {value}"), error => error);

    public static NamedError OnlyEntry(Error error)
    {
        var group = Assert.IsType<GroupError>(error);
        return Assert.IsType<NamedError>(Assert.Single(group.Errors));
    }
}
