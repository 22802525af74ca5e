using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Children;

/// <summary>
/// G3 for a task child run on the group's fast path (no wrapper around its task): a task that faults with several
/// exceptions (it awaited <c>Task.WhenAll</c>) keeps them all, where <c>await</c> would surface only the first; a task
/// that faults with one gives that exception itself.
/// </summary>
public class TaskChildFaultsTests
{
    [Fact]
    public async Task G03_a_task_child_faulting_with_two_exceptions_reports_both()
    {
        var first = new InvalidOperationException("first");
        var second = new TimeoutException("second");
        var child = Child.FromTask<int[]>(_ => Task.WhenAll(Task.FromException<int>(first), Task.FromException<int>(second)));
        var fin = await Group.All(child).RunAsync();
        var aggregate = Assert.IsType<AggregateException>(Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal(new Exception[] { first, second }, aggregate.InnerExceptions);
    }

    [Fact]
    public async Task G03_a_task_child_faulting_later_with_one_exception_reports_that_exception_itself()
    {
        var only = new InvalidOperationException("only");
        var release = Kids.Gate();
        var child = Child.FromTask<int>(async _ =>
        {
            await release.Task.ConfigureAwait(false);
            throw only;
        });
        var running = Group.All(child).RunAsync().AsTask();
        release.SetResult();
        Assert.Same(only, Assert.Single((await running).Group().Errors).ToException());
    }
}
