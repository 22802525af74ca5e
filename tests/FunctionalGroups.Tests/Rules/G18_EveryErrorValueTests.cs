using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G18: classifying an outcome (G13) terminates for every <see cref="Error"/> value. <c>Errors.Bottom</c> and an
/// <see cref="Exceptional"/> built without an exception convert to an exception whose <c>ToError()</c> gives back an
/// equal error; a classifier that follows that conversion without bound overflows the stack and kills the process,
/// so these scenarios run in a child process (<see cref="InChildProcess"/>).
/// </summary>
public class G18_EveryErrorValueTests
{
    public static TheoryData<string> SelfConvertingErrors() => new(ChildProcessScenarios.SelfConvertingErrors.Keys);

    static string Leaf(string key) =>
        ChildProcessScenarios.SelfConvertingErrors[key] is var e ? $"{e.GetType().Name}: {e.Message}" : "";

    [Theory]
    [MemberData(nameof(SelfConvertingErrors))]
    public async Task G18_a_child_failing_with_a_self_converting_error_after_a_sibling_failed_is_reported(string error) =>
        await AssertScenario($"all-after-sibling-failed:{error}", $"GroupError[{Leaf(error)} | Exceptional: sibling]");

    [Theory]
    [MemberData(nameof(SelfConvertingErrors))]
    public async Task G18_a_child_failing_with_a_self_converting_error_after_an_outer_cancel_is_reported(string error) =>
        await AssertScenario($"all-after-outer-cancel:{error}", $"GroupError[{Leaf(error)}]");

    [Theory]
    [MemberData(nameof(SelfConvertingErrors))]
    public async Task G18_a_scope_body_failing_with_a_self_converting_error_after_an_explicit_cancel_is_reported(string error) =>
        await AssertScenario($"scope-body-after-cancel:{error}", $"GroupError[{Leaf(error)}]");

    [Fact]
    public async Task G18_a_default_effect_spawned_into_a_scope_and_joined_by_the_body_is_reported() =>
        await AssertScenario("scope-default-aff-joined", $"GroupError[{Leaf("bottom")}]");

    [Theory]
    [MemberData(nameof(SelfConvertingErrors))]
    public async Task G18_the_FSharp_face_reports_a_lone_child_failing_with_a_self_converting_error_after_a_cancel(string error) =>
        await AssertScenario($"fsharp-lone-child-after-cancel:{error}", $"GroupError[{Leaf(error)}]");

    [Theory]
    [MemberData(nameof(SelfConvertingErrors))]
    public async Task G18_the_FSharp_face_reports_a_child_failing_with_a_self_converting_error_after_a_sibling_failed(string error) =>
        await AssertScenario($"fsharp-all-after-sibling-failed:{error}", $"GroupError[{Leaf(error)} | Exceptional: sibling]");

    /// <summary>Values the classifier must judge in-process, quickly, without overflowing: each with its verdict.</summary>
    public static TheoryData<string, bool> ClassifiedValues() => new()
    {
        { "bottom", false },
        { "exceptional-without-exception", false },
        { "named-bottom", false },
        { "thrown-bottom", false },
        { "thrown-exceptional-without-exception", false },
        { "throwing-user-error", false },
        { "oce", true },
        { "tce", true },
        { "cancelled", true },
        { "named-oce", true },
        { "named-cancelled", true },
        { "thrown-cancelled", true },
        { "thrown-named-cancelled", true },
        { "thrown-oce", true },
        { "many-with-cancelled", false },
        { "group-with-cancelled", false },
        { "plain-expected", false },
        { "plain-exception", false },
    };

    [Theory]
    [MemberData(nameof(ClassifiedValues))]
    public void G18_classifying_an_outcome_ends_for_every_error_value_and_keeps_G13s_meaning(string kind, bool isCancellation)
    {
        Error error = kind switch
        {
            "bottom" => Errors.Bottom,
            "exceptional-without-exception" => new Exceptional("x", 42),
            "named-bottom" => new NamedError("child", new NamedError("inner", Errors.Bottom)),
            "thrown-bottom" => Error.New(Errors.Bottom.ToErrorException()),
            "thrown-exceptional-without-exception" => Error.New(new Exceptional("x", 42).ToErrorException()),
            "throwing-user-error" => new ThrowingError(),
            "oce" => Error.New(new OperationCanceledException()),
            "tce" => Error.New(new TaskCanceledException()),
            "cancelled" => Errors.Cancelled,
            "named-oce" => new NamedError("child", Error.New(new OperationCanceledException(new CancellationToken(true)))),
            "named-cancelled" => new NamedError("child", Errors.Cancelled),
            "thrown-cancelled" => Caught(Errors.Cancelled),
            "thrown-named-cancelled" => Caught(new NamedError("child", Errors.Cancelled)),
            "thrown-oce" => Caught(Error.New(new OperationCanceledException())),
            "many-with-cancelled" => Error.Many(Errors.Cancelled, Error.New(new OperationCanceledException())),
            "group-with-cancelled" => new GroupError(Seq.create(Errors.Cancelled), 1),
            "plain-expected" => Error.New("boom"),
            _ => Error.New(new InvalidOperationException("boom")),
        };
        Assert.Equal(isCancellation, Engine.Cancellation.IsCancellation(error));
    }

    /// <summary>The error thrown by <c>ThrowIfFail</c> and caught back by <c>Run</c>.</summary>
    static Error Caught(Error error) =>
        Aff<GroupRuntime, int>.Effect(_ => Fin<int>.Fail(error).ThrowIfFail() is var v ? new ValueTask<int>(v) : default)
            .Run(GroupRuntime.Uncancellable).AsTask().GetAwaiter().GetResult()
            .Match(Succ: _ => throw new Xunit.Sdk.XunitException("expected a failure"), Fail: e => e);

    /// <summary>A user error whose every override throws.</summary>
    sealed record ThrowingError : Error
    {
        public override string Message => throw new InvalidOperationException("Message");
        public override int Code => throw new InvalidOperationException("Code");
        public override bool Is<E>() => throw new InvalidOperationException("Is<E>");
        public override bool Is(Error error) => throw new InvalidOperationException("Is");
        public override bool IsExceptional => throw new InvalidOperationException("IsExceptional");
        public override bool IsExpected => throw new InvalidOperationException("IsExpected");
        public override Exception ToException() => throw new InvalidOperationException("ToException");
        public override ErrorException ToErrorException() => throw new InvalidOperationException("ToErrorException");
    }

    static async Task AssertScenario(string scenario, string expected)
    {
        var ended = await InChildProcess.Run(scenario);
        Assert.True(ended.ExitCode == 0, $"scenario '{scenario}' did not end normally: {ended}");
        Assert.Equal(expected, ended.Output.Trim());
    }
}
