using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace FunctionalGroups.Tests.Observability;

/// <summary>
/// Rule T2 through OpenTelemetry itself: the seed's "one child fails" scenario exported with the in-memory exporter
/// (<c>AddSource(GroupTelemetry.SourceName)</c>, as the README sets it up) gives the span tree a user's backend shows.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class T2_OpenTelemetryTests
{
    [Fact]
    public async Task T2_the_seeds_one_fails_scenario_exports_a_span_tree_with_who_cancelled_whom()
    {
        var exported = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder()
                   .AddSource(GroupTelemetry.SourceName)
                   .AddInMemoryExporter(exported)
                   .Build())
        {
            // demo_taskgroup_failure: accounts and transactions work until cancelled; failing fails once both started.
            var accounts = Kids.Gate();
            var transactions = Kids.Gate();
            async Task<int> Work(TaskCompletionSource started, CancellationToken ct)
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return 0;
            }
            var fin = await Group.Zip(
                Child.FromTask(ct => Work(accounts, ct)).Named("accounts"),
                Child.FromTask<int>(async _ =>
                {
                    await Task.WhenAll(accounts.Task, transactions.Task).ConfigureAwait(false);
                    throw new HttpRequestException("API server unreachable");
                }).Named("failing"),
                Child.FromTask(ct => Work(transactions, ct)).Named("transactions")).RunAsync();
            Assert.IsType<HttpRequestException>(Assert.Single(fin.Group().Leaves).ToException());
            tracing.ForceFlush();
        }

        var group = Assert.Single(exported, a => a.DisplayName == "group All");
        Assert.Equal(default, group.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, group.Status);
        Assert.Equal("failure", group.GetTagItem(GroupTelemetry.Attributes.CancelReason));
        Assert.Equal(2, group.GetTagItem(GroupTelemetry.Attributes.Cancelled));

        var children = exported.Where(a => a != group).ToDictionary(a => a.DisplayName);
        Assert.Equal(new[] { "child accounts", "child failing", "child transactions" }, children.Keys.Order());
        Assert.All(children.Values, c => Assert.Equal(group.SpanId, c.ParentSpanId));
        Assert.All(children.Values, c => Assert.Equal(group.TraceId, c.TraceId));
        Assert.Equal("failed", children["child failing"].GetTagItem(GroupTelemetry.Attributes.Outcome));
        Assert.Equal(typeof(HttpRequestException).FullName, children["child failing"].GetTagItem(GroupTelemetry.Attributes.ErrorType));
        foreach (var cancelled in new[] { "child accounts", "child transactions" })
        {
            Assert.Equal("cancelled", children[cancelled].GetTagItem(GroupTelemetry.Attributes.Outcome));
            Assert.Equal("'failing' (#1)", children[cancelled].GetTagItem(GroupTelemetry.Attributes.CancelledBy));
        }
    }
}
