namespace FunctionalGroups.Tests.Support;

internal static class Outcome
{
    public static Error Error<A>(this Fin<A> fin) =>
        fin.Match(Succ: v => throw new Xunit.Sdk.XunitException($"expected a failure, got Succ({v})"), Fail: e => e);

    public static A Value<A>(this Fin<A> fin) =>
        fin.Match(Succ: v => v, Fail: e => throw new Xunit.Sdk.XunitException($"expected a success, got:\n{e}"));

    public static GroupError Group<A>(this Fin<A> fin) =>
        Assert.IsType<GroupError>(fin.Error());
}
