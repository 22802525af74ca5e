using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G13_WhatIsACancellationTests
{
    [Fact]
    public async Task G13_an_OperationCanceledException_while_the_group_token_is_clear_is_a_real_failure()
    {
        // An HttpClient timeout surfaces as a TaskCanceledException on a token that is not the group's.
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout");
        var fin = await Group.All(Kids.Fails(timeout), Kids.Hangs()).RunAsync();
        Assert.Same(timeout, Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G13_Errors_Cancelled_while_the_group_token_is_clear_is_a_real_failure()
    {
        var fin = await Group.All(Kids.FailsWith(Errors.Cancelled), Kids.Hangs()).RunAsync();
        Assert.True(Assert.Single(fin.Group().Errors).Is(Errors.Cancelled));
    }

    [Theory]
    [InlineData("oce")]
    [InlineData("tce")]
    [InlineData("cancelled")]
    [InlineData("named")]
    [InlineData("thrown-cancelled")]
    public async Task G13_a_cancellation_error_after_the_group_was_cancelled_is_not_reported(string kind)
    {
        Error error = kind switch
        {
            "oce" => Error.New(new OperationCanceledException()),
            "tce" => Error.New(new TaskCanceledException()),
            "cancelled" => Errors.Cancelled,
            // Errors.Cancelled thrown (ThrowIfFail) and caught back: judged as the error it carries.
            "thrown-cancelled" => Error.New(Errors.Cancelled.ToErrorException()),
            _ => new NamedError("child", Error.New(new OperationCanceledException(new CancellationToken(true)))),
        };
        var fin = await Group.All(EndsWithWhenCancelled(error), Kids.Fails(new TimeoutException())).RunAsync();
        Assert.IsType<TimeoutException>(Assert.Single(fin.Group().Errors).ToException());
    }

    [Theory]
    [InlineData("many")]
    [InlineData("group")]
    public async Task G13_a_composite_error_that_merely_contains_a_cancellation_is_a_real_failure(string kind)
    {
        Error error = kind == "many"
            ? Error.Many(Errors.Cancelled, Error.New("and a real one"))
            : new GroupError(Seq.create(Errors.Cancelled), 1);
        var fin = await Group.All(EndsWithWhenCancelled(error), Kids.Fails(new TimeoutException())).RunAsync();
        Assert.Equal(2, fin.Group().Errors.Count);
        Assert.Same(error, fin.Group().Errors[0]);
    }

    /// <summary>Waits for the group's token, then ends with <paramref name="error"/>.</summary>
    static Aff<GroupRuntime, int> EndsWithWhenCancelled(Error error) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (rt.CancellationToken.Register(() => cancelled.SetResult())) await cancelled.Task.ConfigureAwait(false);
            return Fin<int>.Fail(error);
        });
}
