using FunctionalGroups.Systematic.Harness;
using FunctionalGroups.Systematic.Scenarios;
using Xunit;
using Xunit.Abstractions;

namespace FunctionalGroups.Systematic;

/// <summary>
/// Saved schedules, replayed for ever: each file in <c>Schedules/</c> (<c>Scenario.Name.N.schedule</c>) holds what
/// reproduces one exploration exactly (<see cref="Explore.Saved"/>). A schedule of a catalogue scenario is a bug once
/// found and fixed: its replay must hold every law. A schedule of a canary must still break one: the harness, its
/// laws and its replay keep working.
/// </summary>
public class ReplayTests(ITestOutputHelper output)
{
    static string Folder => Path.Combine(AppContext.BaseDirectory, "Schedules");

    public static IEnumerable<object[]> Files =>
        Directory.EnumerateFiles(Folder, "*.schedule").Order().Select(static f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void a_saved_schedule_replays(string file)
    {
        var saved = Explore.Read(Path.Combine(Folder, file));
        if (Catalogue.Canaries.TryGetValue(saved.Scenario, out var canary))
        {
            Assert.Contains(Explore.Find(output, canary, saved), static bug => bug.StartsWith("G1:"));
            return;
        }
        Assert.Empty(Explore.Find(output, Catalogue.Scenarios[saved.Scenario], saved));
    }

    [Theory]
    [InlineData("Random")]
    [InlineData("Prioritization")]
    public void exploration_catches_a_group_that_abandons_a_child_and_replays_it(string strategy)
    {
        var run = new Explore.Saved("Canary.BrokenGroupLeavesAChildRunning", Enum.Parse<Explore.Strategy>(strategy), Seed: 7, Schedules: 100);
        var bugs = Explore.Find(output, Canary.BrokenGroupLeavesAChildRunning, run);
        Assert.Contains(bugs, static bug => bug.StartsWith("G1:"));
        Assert.Equal(bugs, Explore.Find(output, Canary.BrokenGroupLeavesAChildRunning, run));
    }
}
