using FunctionalGroups.Systematic.Harness;
using FunctionalGroups.Systematic.Scenarios;
using Xunit;
using Xunit.Abstractions;

namespace FunctionalGroups.Systematic;

/// <summary>Every scenario of the <see cref="Catalogue"/> explored under Coyote's random and prioritization (PCT)
/// strategies, <see cref="Explore.Schedules"/> schedules each.</summary>
public class ExplorationTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Catalogue.Names), MemberType = typeof(Catalogue))]
    public void laws_hold_on_random_schedules(string scenario) =>
        Explore.Run(output, scenario, Catalogue.Scenarios[scenario], Explore.Strategy.Random);

    [Theory]
    [MemberData(nameof(Catalogue.Names), MemberType = typeof(Catalogue))]
    public void laws_hold_on_prioritized_schedules(string scenario) =>
        Explore.Run(output, scenario, Catalogue.Scenarios[scenario], Explore.Strategy.Prioritization);
}
