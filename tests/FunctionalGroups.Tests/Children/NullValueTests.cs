using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Children;

/// <summary>A task child that completes with null fails (LanguageExt's <c>Fin</c> holds no null), and says why.</summary>
public class NullValueTests
{
    [Fact]
    public async Task A_task_child_completing_with_null_fails_with_a_ValueIsNullException_that_says_so()
    {
        var fin = await Group.All(Child.FromTask<string>(_ => Task.FromResult<string>(null!))).RunAsync();
        var exception = Assert.IsType<ValueIsNullException>(Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal("The child completed with null.", exception.Message);
    }
}
