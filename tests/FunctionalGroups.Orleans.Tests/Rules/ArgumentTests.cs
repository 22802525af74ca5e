using FunctionalGroups.Orleans.Tests.Grains;

namespace FunctionalGroups.Orleans.Tests.Rules;

/// <summary>G12 for the Orleans package: bad input is refused when the child or the set-up is built.</summary>
public sealed class ArgumentTests
{
    [Fact]
    public void G12_a_grain_child_refuses_a_null_grain_when_built()
    {
        Assert.Throws<ArgumentNullException>(() => GrainChild.Call<IWorker, string>(null!, (g, ct) => g.Work(ct)));
        Assert.Throws<ArgumentNullException>(() => GrainChild.Call<IWorker>(null!, (g, ct) => (Task)g.Work(ct)));
    }

    [Fact]
    public void G12_the_set_up_refuses_a_null_builder()
    {
        Assert.Throws<ArgumentNullException>(() => OrleansSetup.AddFunctionalGroups((global::Orleans.Hosting.ISiloBuilder)null!));
        Assert.Throws<ArgumentNullException>(() => OrleansSetup.AddFunctionalGroups((global::Orleans.Hosting.IClientBuilder)null!));
    }
}
