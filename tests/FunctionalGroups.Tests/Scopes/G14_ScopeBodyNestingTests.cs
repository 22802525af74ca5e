using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G14: 100,000 scopes nested through their bodies work, value and failure alike. Before the fix this overflowed the
/// stack, which kills the process: each scenario runs in a process of its own (<see cref="InChildProcess"/>), so a
/// regression fails one test instead of the whole run.
/// </summary>
public class G14_ScopeBodyNestingTests
{
    const int Depth = ChildProcessScenarios.ScopeBodyDepth;

    static async Task<string> Run(string scenario)
    {
        var ended = await InChildProcess.Run(scenario);
        Assert.True(ended.ExitCode == 0, $"the scenario's process died or failed:\n{ended}");
        return ended.Output.Trim();
    }

    [Fact]
    public async Task G14_100_000_scopes_nested_through_their_bodies_complete_with_the_innermost_value()
    {
        Assert.Equal($"Succ({Depth})", await Run("scope-body-nesting:ok"));
    }

    [Fact]
    public async Task G14_100_000_scopes_nested_through_their_bodies_each_adding_one_complete_with_the_count()
    {
        Assert.Equal($"Succ({Depth})", await Run("scope-body-nesting:counted"));
    }

    [Fact]
    public async Task G14_100_000_scopes_nested_through_their_bodies_with_a_failing_innermost_give_a_GroupError_100_000_deep()
    {
        Assert.Equal($"GroupError depth={Depth} innermost-same=True", await Run("scope-body-nesting:fail"));
    }
}
