using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FsCheck.Xunit;
using Xunit;

namespace FunctionalGroups.Tests.Properties;

/// <summary>
/// G12: no exception of a group's children is left unobserved. The event is process-global, so only events
/// carrying an <see cref="InjectedFailure"/> of a run made by this property count: that type is thrown only by
/// these plans, and the run id ties it to this property (a late finalisation of an earlier case still counts).
/// </summary>
public class NothingIsLeftUnobserved
{
    static readonly ConcurrentDictionary<long, bool> ownRuns = new();
    static readonly ConcurrentQueue<string> unobserved = new();

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PlanArbitraries) })]
    public async Task nothing_is_left_unobserved(Scenario scenario)
    {
        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            var id = await RunAndForget(scenario).ConfigureAwait(false);
            Collect();
            Assert.True(unobserved.IsEmpty, $"unobserved task exceptions (run {id}, scenario {scenario}):\n{string.Join("\n", unobserved)}");
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }
    }

    /// <summary>Runs the scenario and keeps nothing of it but its id, so that its tasks can be collected.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static async Task<long> RunAndForget(Scenario scenario)
    {
        var run = await ScenarioRun.Execute(scenario).ConfigureAwait(false);
        ownRuns[run.Id] = true;
        return run.Id;
    }

    static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    static void Record(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        foreach (var injected in Injected(e.Exception))
            if (ownRuns.ContainsKey(injected.Run))
                unobserved.Enqueue(injected.ToString());
    }

    static IEnumerable<InjectedFailure> Injected(Exception? e)
    {
        var pending = new Stack<Exception>();
        if (e is not null) pending.Push(e);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next is InjectedFailure injected) yield return injected;
            if (next is AggregateException many)
                foreach (var inner in many.InnerExceptions) pending.Push(inner);
            else if (next.InnerException is { } inner) pending.Push(inner);
        }
    }
}
