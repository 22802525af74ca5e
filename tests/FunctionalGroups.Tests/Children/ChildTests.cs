using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Children;

public class ChildTests
{
    [Fact]
    public async Task A_lifted_task_receives_the_groups_token_and_a_failing_sibling_cancels_it()
    {
        CancellationToken seen = default;
        var lifted = Child.FromTask(async ct =>
        {
            seen = ct;
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            return 0;
        });
        var fin = await Group.All(lifted, Kids.Fails(new TimeoutException())).RunAsync();
        Assert.True(seen.IsCancellationRequested);
        Assert.Single(fin.Group().Errors);
    }

    [Fact]
    public async Task Unit_and_value_task_forms_are_children_too()
    {
        var ran = 0;
        var unitTask = Child.FromTask(async ct =>
        {
            await PoolYield.Yield();
            Interlocked.Increment(ref ran);
        });
        var unitValueTask = Child.FromValueTask(ct =>
        {
            Interlocked.Increment(ref ran);
            return ValueTask.CompletedTask;
        });
        var valueTask = Child.FromValueTask(ct => new ValueTask<Unit>(Unit.Default));
        var fin = await Group.All(unitTask, unitValueTask, valueTask).RunAsync();
        Assert.Equal(3, fin.Value().Count);
        Assert.Equal(2, ran);
    }

    static Task<int> FetchAsync(CancellationToken ct) => Task.FromResult(3);

    [Fact]
    public async Task Method_groups_and_explicit_runtimes_lift_without_ambiguity()
    {
        var fromMethodGroup = Child.FromTask(FetchAsync);
        var generic = Child.FromTask<GroupRuntime, int>(FetchAsync);
        Assert.Equal(new[] { 3, 3 }, (await Group.All(fromMethodGroup, generic).RunAsync()).Value());
    }

    [Fact]
    public async Task Eff_children_run_on_the_thread_pool_side_by_side()
    {
        using var barrier = new Barrier(2);
        // Each child blocks until the other arrives: this only completes if both run at once.
        var child = Prelude.Eff<GroupRuntime, int>(_ => barrier.SignalAndWait(TimeSpan.FromMinutes(1)) ? 1 : 0);
        Assert.Equal(new[] { 1, 1 }, (await Group.All(child, child).RunAsync()).Value());
        var pure = Prelude.Eff(() => barrier.SignalAndWait(TimeSpan.FromMinutes(1)) ? 2 : 0);
        Assert.Equal(new[] { 2, 2 }, (await Group.All(pure, pure).Run()).Value());
    }

    [Fact]
    public async Task Runtime_free_aff_children_are_joined_and_stop_later_starts_after_a_failure()
    {
        var started = 0;
        var ok = Prelude.Aff(async () =>
        {
            Interlocked.Increment(ref started);
            await PoolYield.Yield();
            return 1;
        });
        Assert.Equal(new[] { 1, 1 }, (await Group.All(ok, ok).Run()).Value());
        var failsAtOnce = Prelude.FailAff<int>(Error.New("at once"));
        started = 0;
        var fin = await Group.All(failsAtOnce, ok).Run();
        Assert.Single(fin.Group().Errors);
        Assert.Equal(0, started);
    }

    [Fact]
    public async Task Zip_gives_a_tuple_of_children_of_different_types()
    {
        var zipped = Group.Zip(Kids.Ok(1), Child.FromTask(_ => Task.FromResult("two")), Child.FromTask(_ => Task.FromResult(3.0)));
        Assert.Equal((1, "two", 3.0), (await zipped.RunAsync()).Value());
        var failing = Group.Zip(Kids.Hangs(), Kids.Fails(new TimeoutException()).Map(x => x.ToString()).Named("text"));
        Assert.Equal("text", Assert.IsType<NamedError>(Assert.Single((await failing.RunAsync()).Group().Errors)).Name);
        var seven = Group.Zip(Kids.Ok(1), Kids.Ok(2), Kids.Ok(3), Kids.Ok(4), Kids.Ok(5), Kids.Ok(6), Kids.Ok(7));
        Assert.Equal((1, 2, 3, 4, 5, 6, 7), (await seven.RunAsync()).Value());
    }

    [Fact]
    public async Task Start_on_thread_pool_runs_children_off_the_starting_thread()
    {
        var starter = Environment.CurrentManagedThreadId;
        var children = Enumerable.Range(0, 4).Select(_ => Child.FromTask(ct =>
            Task.FromResult(Thread.CurrentThread.IsThreadPoolThread && Environment.CurrentManagedThreadId != starter ? 1 : 0)));
        var onPool = await Group.All(children, GroupOptions.Default with { StartOnThreadPool = true }).RunAsync();
        Assert.Equal(new[] { 1, 1, 1, 1 }, onPool.Value());
        var inline = await Group.All(children).RunAsync();
        Assert.Equal(new[] { 0, 0, 0, 0 }, inline.Value());
    }

    [Fact]
    public async Task Start_on_thread_pool_starts_nothing_once_the_parent_is_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var probe = new Probe();
        var cancelsParent = Child.FromTask(ct =>
        {
            cts.Cancel();
            return Task.FromResult(0);
        });
        // The first child cancels the parent as it starts; each queued child checks the token when its turn comes.
        var children = Seq.create(cancelsParent).Concat(Enumerable.Range(0, 50).Select(_ => Kids.Hangs(probe)));
        var fin = await Group.All(children, GroupOptions.Default with { StartOnThreadPool = true }).RunAsync(cts.Token);
        Assert.True(fin.Error().Is(Errors.Cancelled));
        Assert.Equal(probe.Started, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task A_task_that_faults_with_several_exceptions_keeps_them_all()
    {
        var first = new InvalidOperationException("first");
        var second = new TimeoutException("second");
        // Task.WhenAll faults with both; await would surface only the first. Both child forms keep both.
        var unitChild = Child.FromTask(_ => Task.WhenAll(Task.FromException(first), Task.FromException(second))).Map(_ => 0);
        var valueChild = Child.FromTask(_ => Task.WhenAll(Task.FromException<int>(first), Task.FromException<int>(second))).Map(a => a.Length);
        foreach (var child in new[] { unitChild, valueChild })
        {
            var fin = await Group.All(child).RunAsync();
            var aggregate = Assert.IsType<AggregateException>(Assert.Single(fin.Group().Errors).ToException());
            Assert.Equal(new Exception[] { first, second }, aggregate.InnerExceptions);
        }
    }

    [Fact]
    public async Task Every_kind_of_child_can_be_named()
    {
        var error = Error.New("x");
        var effRt = Prelude.FailEff<GroupRuntime, int>(error).Named("eff-rt");
        var eff = Prelude.FailEff<int>(error).Named("eff");
        var aff = Prelude.FailAff<int>(error).Named("aff");
        Assert.Equal("eff-rt", Assert.IsType<NamedError>(Assert.Single((await Group.All(effRt).RunAsync()).Group().Errors)).Name);
        Assert.Equal("eff", Assert.IsType<NamedError>(Assert.Single((await Group.All(eff).Run()).Group().Errors)).Name);
        Assert.Equal("aff", Assert.IsType<NamedError>(Assert.Single((await Group.All(aff).Run()).Group().Errors)).Name);
    }
}
