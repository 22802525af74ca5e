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
        await AssertScenario($"all-after-sibling-failed:{error}", $"GroupError[Exceptional: sibling | {Leaf(error)}]");

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

    static async Task AssertScenario(string scenario, string expected)
    {
        var ended = await InChildProcess.Run(scenario);
        Assert.True(ended.ExitCode == 0, $"scenario '{scenario}' did not end normally: {ended}");
        Assert.Equal(expected, ended.Output.Trim());
    }
}
