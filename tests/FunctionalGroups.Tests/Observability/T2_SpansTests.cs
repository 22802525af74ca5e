using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>Rule T2: a span per group run and per child, nested as the groups are; a child's code runs under its span.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class T2_SpansTests : IDisposable
{
    // Listened to by name: a listener that compared the source object would create it inside AddActivityListener and miss it.
    const string TestsSource = "FunctionalGroups.Tests.Spans";
    static readonly ActivitySource tests = new(TestsSource);
    readonly ConcurrentQueue<Activity> stopped = new();
    readonly ActivityListener listener;

    public T2_SpansTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is GroupTelemetry.SourceName or TestsSource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    List<Activity> SpansOf(Activity root)
    {
        Assert.NotNull(root);
        return stopped.Where(a => a.TraceId == root.TraceId && a != root).ToList();
    }

    [Fact]
    public async Task T2_a_failing_group_has_a_span_per_child_with_who_cancelled_whom()
    {
        var b = Kids.Gate();
        var c = Kids.Gate();
        var fails = Child.FromTask<int>(async _ =>
        {
            await Task.WhenAll(b.Task, c.Task).ConfigureAwait(false);
            throw new TimeoutException("accounts timed out");
        }).Named("accounts");

        Activity root;
        using (root = tests.StartActivity("request")!)
            (await Group.All(fails, Kids.StartsThenHangs(b).Named("pricing"), Kids.StartsThenHangs(c).Named("stock")).RunAsync()).Group();

        var spans = SpansOf(root);
        var group = Assert.Single(spans, s => s.DisplayName == "group All");
        Assert.Same(root, group.Parent);
        Assert.Equal(ActivityStatusCode.Error, group.Status);
        Assert.Equal("1 of 3 tasks failed", group.StatusDescription);
        Assert.Equal("failed", group.GetTagItem(GroupTelemetry.Attributes.Outcome));
        Assert.Equal(1, group.GetTagItem(GroupTelemetry.Attributes.Failed));
        Assert.Equal(2, group.GetTagItem(GroupTelemetry.Attributes.Cancelled));
        Assert.Equal(3, group.GetTagItem(GroupTelemetry.Attributes.Children));
        Assert.Equal("failure", group.GetTagItem(GroupTelemetry.Attributes.CancelReason));

        var accounts = Assert.Single(spans, s => s.DisplayName == "child accounts");
        Assert.Same(group, accounts.Parent);
        Assert.Equal("failed", accounts.GetTagItem(GroupTelemetry.Attributes.Outcome));
        Assert.Equal(typeof(TimeoutException).FullName, accounts.GetTagItem(GroupTelemetry.Attributes.ErrorType));
        Assert.Equal(ActivityStatusCode.Error, accounts.Status);
        Assert.Equal(0, accounts.GetTagItem(GroupTelemetry.Attributes.ChildIndex));
        foreach (var (name, index) in new[] { ("pricing", 1), ("stock", 2) })
        {
            var cancelled = Assert.Single(spans, s => s.DisplayName == "child " + name);
            Assert.Same(group, cancelled.Parent);
            Assert.Equal(name, cancelled.GetTagItem(GroupTelemetry.Attributes.ChildName));
            Assert.Equal(index, cancelled.GetTagItem(GroupTelemetry.Attributes.ChildIndex));
            Assert.Equal("cancelled", cancelled.GetTagItem(GroupTelemetry.Attributes.Outcome));
            Assert.Equal("failure", cancelled.GetTagItem(GroupTelemetry.Attributes.CancelReason));
            Assert.Equal("'accounts' (#0)", cancelled.GetTagItem(GroupTelemetry.Attributes.CancelledBy));
            Assert.Equal(ActivityStatusCode.Unset, cancelled.Status);
        }
        Assert.Equal(4, spans.Count);
    }

    [Fact]
    public async Task T2_a_childs_code_runs_under_its_span_and_a_nested_group_under_that()
    {
        Activity? seenInChild = null;
        Activity? seenInGrandchild = null;
        var inner = Child.FromTask(ct =>
        {
            seenInGrandchild = Activity.Current;
            return Task.FromResult(1);
        }).Named("grandchild");
        var outer = Child.FromTask(async ct =>
        {
            seenInChild = Activity.Current;
            await PoolYield.Yield();
            return (await Group.All(inner).RunAsync(ct)).Value().Head;
        }).Named("parent");

        Activity root;
        using (root = tests.StartActivity("request")!)
        {
            Assert.Equal(1, (await Group.All(outer).RunAsync()).Value().Head);
            Assert.Same(root, Activity.Current);
        }

        var spans = SpansOf(root);
        var parentSpan = Assert.Single(spans, s => s.DisplayName == "child parent");
        Assert.Same(parentSpan, seenInChild);
        var nestedGroup = Assert.Single(spans, s => s.DisplayName == "group All" && s.Parent == parentSpan);
        var grandchild = Assert.Single(spans, s => s.DisplayName == "child grandchild");
        Assert.Same(nestedGroup, grandchild.Parent);
        Assert.Same(grandchild, seenInGrandchild);
        Assert.All(spans, s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));
    }

    [Fact]
    public async Task T2_a_scopes_body_and_spawned_children_have_spans_under_the_scope()
    {
        Activity root;
        using (root = tests.StartActivity("request")!)
        {
            Assert.NotNull(root);
            var fin = await Group.Scope<int>(scope => ScopeKit.Body(async ct =>
            {
                var a = scope.SpawnOrThrow(Kids.Ok(1), "first");
                var b = scope.SpawnOrThrow(Kids.Ok(2));
                return (await a.Join.RunAsync(ct)).Value() + (await b.Join.RunAsync(ct)).Value();
            })).RunAsync();
            Assert.Equal(3, fin.Value());
        }

        var spans = SpansOf(root);
        var scopeSpan = Assert.Single(spans, s => s.DisplayName == "group Scope");
        Assert.Equal(3, scopeSpan.GetTagItem(GroupTelemetry.Attributes.Children));
        Assert.Equal("succeeded", scopeSpan.GetTagItem(GroupTelemetry.Attributes.Outcome));
        var body = Assert.Single(spans, s => s.DisplayName == "child body");
        Assert.Same(scopeSpan, body.Parent);
        Assert.Equal(-1, body.GetTagItem(GroupTelemetry.Attributes.ChildIndex));
        Assert.Same(scopeSpan, Assert.Single(spans, s => s.DisplayName == "child first").Parent);
        var unnamed = Assert.Single(spans, s => s.DisplayName == "child");
        Assert.Equal(1, unnamed.GetTagItem(GroupTelemetry.Attributes.ChildIndex));
        Assert.Same(scopeSpan, unnamed.Parent);
    }

    [Fact]
    public async Task T2_a_timeout_is_on_the_cancelled_childs_span()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var started = Kids.Gate();
        Activity root;
        using (root = tests.StartActivity("request")!)
        {
            var running = Group.All(Prelude.Seq1(Kids.StartsThenHangs(started).Named("slow")),
                GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(2), TimeProvider = clock }).RunAsync().AsTask();
            await started.Task;
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(Errors.TimedOut, (await running).Error());
        }

        var spans = SpansOf(root);
        var slow = Assert.Single(spans, s => s.DisplayName == "child slow");
        Assert.Equal("timeout", slow.GetTagItem(GroupTelemetry.Attributes.CancelReason));
        Assert.Null(slow.GetTagItem(GroupTelemetry.Attributes.CancelledBy));
        var group = Assert.Single(spans, s => s.DisplayName == "group All");
        Assert.Equal("cancelled", group.GetTagItem(GroupTelemetry.Attributes.Outcome));
        Assert.Equal(2.0, group.GetTagItem(GroupTelemetry.Attributes.Timeout));
    }

    [Fact]
    public async Task T2_with_nobody_listening_a_child_runs_under_the_callers_span()
    {
        listener.Dispose();
        using var own = new ActivityListener
        {
            ShouldListenTo = s => s.Name == TestsSource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(own);
        Activity? seen = null;
        using var root = tests.StartActivity("request")!;
        (await Group.All(Child.FromTask(ct =>
        {
            seen = Activity.Current;
            return Task.FromResult(1);
        })).RunAsync()).Value();
        Assert.Same(root, seen);
    }
}
