using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Policies;

public class ValidateTests
{
    [Fact]
    public async Task Validate_runs_every_child_and_reports_every_failure_once_in_child_order()
    {
        var first = new TimeoutException("first");
        var second = new InvalidOperationException("second");
        var firstFailed = Kids.Gate();
        var failsFirst = Child.FromTask<int>(async _ =>
        {
            await PoolYield.Yield();
            firstFailed.SetResult();
            throw first;
        });
        // Fails only after the first failure: with fail-fast it would have been cancelled.
        var failsLater = Child.FromTask<int>(async ct =>
        {
            await firstFailed.Task.ConfigureAwait(false);
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            throw second;
        });
        var fin = await Group.Validate(failsLater.Named("later"), Kids.Ok(1), failsFirst).RunAsync();
        var group = fin.Group();
        Assert.Equal(new Exception[] { second, first }, group.Errors.Map(e => NamedError.Unnamed(e).ToException()).ToArray());
        Assert.Equal("2 of 3 tasks failed", group.Message);

        var validation = fin.ToValidation();
        Assert.True(validation.IsFail);
        Assert.Equal(2, validation.FailToSeq().Count);
    }

    [Fact]
    public async Task Validate_gives_every_value_when_nothing_fails()
    {
        var fin = await Group.Validate(Kids.Ok(1), Kids.Ok(2), Kids.Ok(3)).RunAsync();
        Assert.Equal(new[] { 1, 2, 3 }, fin.Value());
        var validation = await Group.Validate(Kids.Ok(1), Kids.Ok(2)).ToValidation().RunAsync();
        Assert.Equal(new[] { 1, 2 }, validation.Value().SuccessToSeq().Head);
    }

    [Fact]
    public async Task Validate_cancelled_from_outside_with_no_failure_gives_Cancelled()
    {
        using var cts = new CancellationTokenSource();
        var running = Group.Validate(Kids.Hangs(), Kids.Hangs()).RunAsync(cts.Token).AsTask();
        cts.Cancel();
        var fin = await running;
        Assert.True(fin.Error().Is(Errors.Cancelled));
        Assert.True(fin.ToValidation().FailToSeq().Head.Is(Errors.Cancelled));
    }
}
