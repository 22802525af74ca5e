using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Children;

/// <summary>
/// An effect child (not a task child) ends however its function ends: a function that throws before returning, or
/// returns an already faulted task, is that child's failure, never the group's crash (G12), and the group still joins
/// its siblings.
/// </summary>
public class EffectChildEndsTests
{
    [Fact]
    public async Task An_effect_child_whose_function_throws_before_returning_fails_with_that_exception()
    {
        var thrown = new InvalidOperationException("thrown before any await");
        var fin = await Group.All(Aff<GroupRuntime, int>.EffectMaybe(_ => throw thrown), Kids.Ok(1)).RunAsync();
        Assert.Same(thrown, Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task An_effect_child_returning_an_already_faulted_task_fails_with_its_exception()
    {
        var thrown = new InvalidOperationException("faulted at once");
        var fin = await Group.All(Aff<GroupRuntime, int>.EffectMaybe(_ => ValueTask.FromException<Fin<int>>(thrown)), Kids.Ok(1)).RunAsync();
        Assert.Same(thrown, Assert.Single(fin.Group().Errors).ToException());
    }
}
