using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using LanguageExt.Common;

namespace FunctionalGroups.Engine;

/// <summary>How a member ended, for its span and the instruments.</summary>
internal enum MemberOutcome
{
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// One run's spans and measurements (<see cref="GroupTelemetry"/>), made only when someone listens as the run opens
/// (<see cref="Open"/> gives null otherwise, and the engine's every call is behind that null: nothing is allocated,
/// timed or tagged for a run no one listens to).
/// <list type="bullet">
/// <item><b>The group's span</b> starts as the run opens, a child of the caller's current span (a child's span, when
/// the group is nested), and is not made current: the caller's context is left as it was. It ends at the conclusion,
/// after the last member, with the outcome, the counts and the cancel reason.</item>
/// <item><b>A member's span</b> starts on the thread that starts the member, inside the context the member starts in,
/// and is made current there: the member's own code (and a group nested in it) runs under it. It ends when the member
/// ends, on whatever thread that is; ending a span never changes another thread's current span.</item>
/// <item><b>Fixed lists</b> keep each child's span and start time in arrays of the run's size: slot i is written by the
/// thread that starts child i and read by the thread that ends it (the start happens before the end, through the
/// child's own task). Scope members keep theirs on the member (<see cref="ScopeMember"/>).</item>
/// </list>
/// </summary>
internal sealed class RunTrace
{
    /// <summary>Custom properties on a member's span: its run's tag and its index (the live tree reads them).</summary>
    internal const string RunProperty = "functionalgroups.run";
    internal const string IndexProperty = "functionalgroups.index";

    readonly LiveRun run;
    readonly Activity? group;
    readonly bool metrics;
    readonly KeyValuePair<string, object?> policy;
    readonly Activity?[]? spans;
    readonly long[]? starts;
    int failed;
    int cancelled;

    RunTrace(LiveRun run, int count, GroupOptions options, bool metrics)
    {
        this.run = run;
        this.metrics = metrics;
        policy = new(GroupTelemetry.Attributes.Policy, run.Policy);
        if (count > 0)
        {
            spans = new Activity?[count];
            starts = new long[count];
        }
        var before = Activity.Current;
        try
        {
            group = GroupTelemetry.Source.StartActivity("group " + run.Policy, ActivityKind.Internal);
        }
        catch (Exception)
        {
            // A listener that throws (its sampler, its ActivityStarted): no group span; the members go untraced.
            group = null;
        }
        finally
        {
            Activity.Current = before;
        }
        if (group is not null)
        {
            if (group.IsAllDataRequested)
            {
                group.SetTag(GroupTelemetry.Attributes.GroupId, run.Id);
                group.SetTag(GroupTelemetry.Attributes.Policy, run.Policy);
                if (count > 0) group.SetTag(GroupTelemetry.Attributes.Children, count);
                if (options.MaxParallelism is { } limit) group.SetTag(GroupTelemetry.Attributes.Limit, limit);
                if (options.Timeout is { } timeout) group.SetTag(GroupTelemetry.Attributes.Timeout, timeout.TotalSeconds);
            }
            run.Span = group;
        }
        if (metrics) Quietly(static p => GroupTelemetry.GroupRuns.Add(1, p), policy);
    }

    // A listener's callbacks run inline in Add, Record, StartActivity and Stop. One that throws is the application's
    // telemetry failing, not a member: it must neither fail the group nor skip the engine's bookkeeping around the
    // call (a member's start, its end and share, the conclusion's signal: G1), so its exception is dropped here.
    static void Quietly<S>(Action<S> measure, S state)
    {
        try
        {
            measure(state);
        }
        catch (Exception)
        {
            // The listener's failure is its own (see above).
        }
    }

    /// <summary>A trace for <paramref name="run"/> if anyone listens; <paramref name="count"/>: a fixed list's size (0
    /// for a scope).</summary>
    internal static RunTrace? Open(LiveRun run, int count, GroupOptions options) =>
        GroupTelemetry.Listening ? new RunTrace(run, count, options, GroupTelemetry.MetricsOn) : null;

    /// <summary>Starts a member's span and makes it current on this thread (inside the member's context); returns it.</summary>
    internal Activity? StartMember(int index, string? name, out long started)
    {
        started = Stopwatch.GetTimestamp();
        if (metrics)
            Quietly(static p =>
            {
                GroupTelemetry.ChildrenStarted.Add(1, p);
                GroupTelemetry.ChildrenActive.Add(1, p);
            }, policy);
        if (group is null) return null;
        Activity.Current = group;
        Activity? span;
        try
        {
            span = GroupTelemetry.Source.StartActivity(name is null ? "child" : "child " + name, ActivityKind.Internal);
        }
        catch (Exception)
        {
            // A listener that throws as the span starts (see Quietly): the child runs under the group's span.
            Activity.Current = group;
            return null;
        }
        if (span is null)
        {
            return null;
        }
        // The run's tag, not the run: an exporter that keeps spans must not keep the run's state (the tag lets go of it
        // when the run ends). No tag when the live tree is off: then nothing reads the property.
        if (run.Tag is { } tag) span.SetCustomProperty(RunProperty, tag);
        span.SetCustomProperty(IndexProperty, index);
        if (span.IsAllDataRequested)
        {
            span.SetTag(GroupTelemetry.Attributes.ChildIndex, index);
            if (name is not null) span.SetTag(GroupTelemetry.Attributes.ChildName, name);
        }
        return span;
    }

    /// <summary>Child <paramref name="index"/> of a fixed list starts (on the drainer, in its context).</summary>
    internal void StartChild(int index, string? name)
    {
        var span = StartMember(index, name, out var started);
        spans![index] = span;
        starts![index] = started;
    }

    /// <summary>Child <paramref name="index"/> turned out to have a name (read before its code runs): its span takes it.</summary>
    internal void NameChild(int index, string name)
    {
        if (spans![index] is not { } span) return;
        span.DisplayName = "child " + name;
        if (span.IsAllDataRequested) span.SetTag(GroupTelemetry.Attributes.ChildName, name);
    }

    /// <summary>How long child <paramref name="index"/> of a fixed list has run (the live tree, while traced).</summary>
    internal TimeSpan? ChildAge(int index, long now) =>
        starts is { } s && s[index] is var started and not 0 ? LiveRun.Age(started, now) : null;

    /// <summary>Child <paramref name="index"/> of a fixed list ended.</summary>
    internal void EndChild(int index, string? name, MemberOutcome outcome, Error? error)
    {
        var span = spans![index];
        spans[index] = null;
        EndMember(span, starts![index], outcome, error, name);
    }

    /// <summary>A member ended: its span gets its outcome (and, cancelled, what cancelled it) and ends.</summary>
    internal void EndMember(Activity? span, long started, MemberOutcome outcome, Error? error, string? name)
    {
        if (outcome == MemberOutcome.Failed) Interlocked.Increment(ref failed);
        else if (outcome == MemberOutcome.Cancelled) Interlocked.Increment(ref cancelled);
        if (metrics)
            Quietly(static s =>
            {
                var (policy, started, outcome) = s;
                var outcomeTag = new KeyValuePair<string, object?>(GroupTelemetry.Attributes.Outcome, OutcomeName(outcome));
                GroupTelemetry.ChildrenActive.Add(-1, policy);
                GroupTelemetry.ChildDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, policy, outcomeTag);
                if (outcome == MemberOutcome.Failed) GroupTelemetry.ChildFailures.Add(1, policy);
                else if (outcome == MemberOutcome.Cancelled) GroupTelemetry.ChildCancellations.Add(1, policy);
            }, (policy, started, outcome));
        if (span is null) return;
        if (span.IsAllDataRequested)
        {
            span.SetTag(GroupTelemetry.Attributes.Outcome, OutcomeName(outcome));
            if (outcome == MemberOutcome.Cancelled) TagCause(span);
            if (outcome == MemberOutcome.Failed && error is not null) TagError(span, error);
        }
        Quietly(static a => a.Stop(), span);
    }

    /// <summary>A child that never started (the group was cancelled first) counts as cancelled.</summary>
    internal void Skipped(int count) => Interlocked.Add(ref cancelled, count);

    /// <summary>The run concluded: the group's span gets the outcome and the counts, and ends.</summary>
    internal void End(bool succeeded, Error? error, int children)
    {
        var outcome = succeeded ? "succeeded"
            : error is GroupError || Volatile.Read(ref failed) > 0 ? "failed"
            : "cancelled";
        if (metrics)
            Quietly(static s => GroupTelemetry.GroupDuration.Record(Stopwatch.GetElapsedTime(s.StartedAt).TotalSeconds,
                s.policy, new KeyValuePair<string, object?>(GroupTelemetry.Attributes.Outcome, s.outcome)), (run.StartedAt, policy, outcome));
        if (group is null) return;
        if (group.IsAllDataRequested)
        {
            group.SetTag(GroupTelemetry.Attributes.Children, children);
            group.SetTag(GroupTelemetry.Attributes.Outcome, outcome);
            group.SetTag(GroupTelemetry.Attributes.Failed, Volatile.Read(ref failed));
            group.SetTag(GroupTelemetry.Attributes.Cancelled, Volatile.Read(ref cancelled));
            if (run.Cause is not null) TagCause(group);
            if (!succeeded && error is not null) TagError(group, error);
        }
        Quietly(static a => a.Stop(), group);
    }

    void TagCause(Activity span)
    {
        if (run.Cause is not { } reason) return;
        span.SetTag(GroupTelemetry.Attributes.CancelReason, ReasonName(reason));
        if (run.CauseMember is { } by) span.SetTag(GroupTelemetry.Attributes.CancelledBy, by.ToString());
    }

    static void TagError(Activity span, Error error)
    {
        span.SetStatus(ActivityStatusCode.Error, error.Message);
        var own = NamedError.Unnamed(error);
        span.SetTag(GroupTelemetry.Attributes.ErrorType,
            own is Exceptional && own.ToException() is { } e ? e.GetType().FullName
            : own.Code != 0 ? $"{own.GetType().Name}:{own.Code}" : own.GetType().Name);
    }

    static string OutcomeName(MemberOutcome outcome) => outcome switch
    {
        MemberOutcome.Succeeded => "succeeded",
        MemberOutcome.Failed => "failed",
        _ => "cancelled",
    };

    internal static string ReasonName(CancelReason reason) => reason switch
    {
        CancelReason.Failure => "failure",
        CancelReason.Parent => "parent",
        CancelReason.Timeout => "timeout",
        CancelReason.Explicit => "explicit",
        CancelReason.RaceWon => "race_won",
        _ => "runtime",
    };
}
