namespace FunctionalGroups.Tests.Children;

/// <summary>G3: a named child whose value type is <c>object</c> still fails with its failure (LanguageExt v4's
/// <c>MapFail</c> on an <c>Aff</c> of <c>object</c> turns a failure into a value).</summary>
public class NamedObjectChildTests
{
    [Fact]
    public async Task G3_a_named_child_of_object_fails_with_its_named_failure()
    {
        var failing = Aff<GroupRuntime, object>.Fail(Error.New("boom")).Named("x");
        var fin = await failing.RunAsync();
        var named = Assert.IsType<NamedError>(fin.Match(Succ: v => throw new Xunit.Sdk.XunitException($"succeeded with {v}"), Fail: e => e));
        Assert.Equal("x", named.Name);

        var group = await Group.All(failing, Aff<GroupRuntime, object>.Success(1)).RunAsync();
        Assert.True(group.IsFail);
    }

    [Fact]
    public async Task G3_every_named_form_of_object_fails_with_its_named_failure()
    {
        static void IsNamed<A>(Fin<A> fin) =>
            Assert.Equal("x", Assert.IsType<NamedError>(fin.Match(Succ: v => throw new Xunit.Sdk.XunitException($"succeeded with {v}"), Fail: e => e)).Name);
        IsNamed(await Prelude.FailAff<object>(Error.New("boom")).Named("x").Run());
        IsNamed(Prelude.FailEff<object>(Error.New("boom")).Named("x").Run());
        IsNamed(Eff<GroupRuntime, object>.Fail(Error.New("boom")).Named("x").Run(GroupRuntime.New()));
        Assert.Equal(1, (object)(await Prelude.SuccessAff<object>(1).Named("x").Run()).ThrowIfFail());
    }
}
