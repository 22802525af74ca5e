using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>
/// G16 with spans on: a child's end (and the group's conclusion) may run on a thread that is not the group's, inline in
/// whatever code completed the child's task (a <see cref="TaskCompletionSource{TResult}"/> without asynchronous
/// continuations). Ending the spans there must leave that code's current span as it was: an <c>Activity.Stop</c> puts
/// back the span that was current when the span started, on the thread it is called on.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class G16_SpanEndsOnForeignThreadTests : IDisposable
{
    const string TestsSource = "FunctionalGroups.Tests.ForeignThread";
    static readonly ActivitySource tests = new(TestsSource);
    readonly ActivityListener listener;

    public G16_SpanEndsOnForeignThreadTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is GroupTelemetry.SourceName or TestsSource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task G16_the_code_that_completes_a_childs_task_keeps_its_current_span()
    {
        // Continuations run inline: the engine's end of the child runs inside SetResult, on this thread.
        var completion = new TaskCompletionSource<int>();
        Activity.Current = null;
        var run = Group.All(Prelude.Seq1(Child.FromTask(_ => completion.Task))).RunAsync().AsTask();
        Assert.False(run.IsCompleted);

        using var completer = tests.StartActivity("completer");
        Assert.NotNull(completer);
        completion.SetResult(1);
        Assert.Same(completer, Activity.Current);

        Assert.Equal(Prelude.Seq1(1), (await run).Value());
    }

    [Fact]
    public async Task G16_the_code_that_completes_a_scope_childs_task_keeps_its_current_span()
    {
        var completion = new TaskCompletionSource<int>();
        Activity.Current = null;
        var run = Group.Scope<int>(_ => Child.FromTask(_ => completion.Task)).RunAsync().AsTask();
        Assert.False(run.IsCompleted);

        using var completer = tests.StartActivity("completer");
        Assert.NotNull(completer);
        completion.SetResult(1);
        Assert.Same(completer, Activity.Current);

        Assert.Equal(1, (await run).Value());
    }
}
