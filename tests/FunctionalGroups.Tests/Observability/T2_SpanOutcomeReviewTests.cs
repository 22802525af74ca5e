using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>T2 and T3: a member's span and measurements say how it ended, whatever path its end takes.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class T2_SpanOutcomeReviewTests : IDisposable
{
    readonly ConcurrentQueue<Activity> stopped = new();
    readonly ActivityListener listener;

    public T2_SpanOutcomeReviewTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GroupTelemetry.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task T2_a_scope_body_that_ends_with_a_joined_childs_failure_has_a_failed_span()
    {
        var marker = "joined-" + Guid.NewGuid().ToString("N");
        var error = (await Group.Scope<int>(scope =>
            from handle in scope.Spawn(Kids.Fails(new InvalidOperationException("bad")), marker)
            from value in handle.Join
            select value).RunAsync()).Group();
        Assert.Single(error.Errors);

        var child = Assert.Single(stopped, s => s.DisplayName == "child " + marker);
        Assert.Equal("failed", child.GetTagItem(GroupTelemetry.Attributes.Outcome));
        var body = Assert.Single(stopped, s => s.DisplayName == "child body" && s.Parent == child.Parent);
        // The body did not succeed: it ended with the child's failure (reported once, as the child's, G18).
        Assert.NotEqual("succeeded", body.GetTagItem(GroupTelemetry.Attributes.Outcome));
    }
}
