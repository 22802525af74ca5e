using FunctionalGroups.Systematic.Harness;

namespace FunctionalGroups.Systematic.Scenarios;

/// <summary>Every explored scenario by name: the name is how a saved schedule finds its scenario again.</summary>
static class Catalogue
{
    public static readonly IReadOnlyDictionary<string, Func<Task>> Scenarios = new Dictionary<string, Func<Task>>
    {
        // Group.All: flat (children fail, throw, ignore or wait for the cancel, fail in cleanup, nest), under each
        // canceller from outside, and under a limit (G15's first wave, a draining limit).
        ["All.Flat"] = () => FixedList.Run(Policy.All, Outside.None, depth: 0),
        ["All.Nested"] = () => FixedList.Run(Policy.All, Outside.None, depth: 2),
        ["All.Limit2"] = () => FixedList.Run(Policy.All, Outside.None, limit: 2, maxChildren: 5),
        ["All.Limit1.Nested"] = () => FixedList.Run(Policy.All, Outside.None, limit: 1, depth: 1),
        ["All.ParentCancels"] = () => FixedList.Run(Policy.All, Outside.Parent),
        ["All.ParentCancels.Limit2"] = () => FixedList.Run(Policy.All, Outside.Parent, limit: 2, maxChildren: 5),
        ["All.TimeoutRaces"] = () => FixedList.Run(Policy.All, Outside.Timeout),
        ["All.TimeoutRaces.Limit2"] = () => FixedList.Run(Policy.All, Outside.Timeout, limit: 2),
        ["All.ParentGroupCancels"] = () => FixedList.Run(Policy.All, Outside.ParentGroup),
        // Cleanup failures whoever cancels, with the child ending inside the cancel call itself (G18).
        ["All.EndsInsideTheCancel.ParentCancels"] = () => FixedList.Run(Policy.All, Outside.Parent, palette: [Kind.EndsInsideTheCancel, Kind.CallbackThrows, Kind.Succeeds]),
        ["All.EndsInsideTheCancel.TimeoutRaces"] = () => FixedList.Run(Policy.All, Outside.Timeout, palette: [Kind.EndsInsideTheCancel, Kind.SucceedsAtOnce]),
        ["All.EndsInsideTheCancel.ParentGroupCancels"] = () => FixedList.Run(Policy.All, Outside.ParentGroup, palette: [Kind.EndsInsideTheCancel]),
        // The other fixed-list policies, with and without an outside canceller.
        ["Validate"] = () => FixedList.Run(Policy.Validate, Outside.None),
        ["Validate.ParentCancels"] = () => FixedList.Run(Policy.Validate, Outside.Parent),
        ["Settle"] = () => FixedList.Run(Policy.Settle, Outside.None),
        ["Settle.TimeoutRaces"] = () => FixedList.Run(Policy.Settle, Outside.Timeout),
        ["Race"] = () => FixedList.Run(Policy.Race, Outside.None),
        ["Race.ParentCancels"] = () => FixedList.Run(Policy.Race, Outside.Parent),
        // Scopes: spawns racing a failure, an explicit cancel, a join and the scope's end; the same under each
        // outside canceller, under a draining limit, and with a child that spawns into the scope too.
        ["Scope"] = () => ScopeRace.Run(Outside.None),
        ["Scope.ChildSpawns"] = () => ScopeRace.Run(Outside.None, aChildSpawns: true),
        ["Scope.Limit1"] = () => ScopeRace.Run(Outside.None, limit: 1),
        ["Scope.Limit2.ChildSpawns"] = () => ScopeRace.Run(Outside.None, limit: 2, aChildSpawns: true),
        ["Scope.ParentCancels"] = () => ScopeRace.Run(Outside.Parent, aChildSpawns: true),
        ["Scope.TimeoutRaces"] = () => ScopeRace.Run(Outside.Timeout, aChildSpawns: true),
        ["Scope.TimeoutRaces.Limit2"] = () => ScopeRace.Run(Outside.Timeout, limit: 2),
        // Aimed at one class each: failures sharing one Error instance around a join (G18 identity), and values
        // that classify only with care (Bottom, an Exceptional without an exception) around every cancel.
        ["Scope.SharedFailuresAndJoins"] = () => ScopeRace.Run(Outside.None, palette: [Kind.FailsWithSharedError, Kind.Succeeds, Kind.SucceedsAtOnce, Kind.Cooperative]),
        ["All.OddErrorValues.ParentCancels"] = () => FixedList.Run(Policy.All, Outside.Parent, palette: [Kind.FailsWithBottom, Kind.FailsWithBareExceptional, Kind.WaitsForCancel, Kind.CallbackThrows, Kind.EndsInsideTheCancel, Kind.Nested]),
    };

    /// <summary>Scenarios that must break a law: they show the harness can fail (<see cref="Canary"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<Task>> Canaries = new Dictionary<string, Func<Task>>
    {
        ["Canary.BrokenGroupLeavesAChildRunning"] = Canary.BrokenGroupLeavesAChildRunning,
    };

    public static IEnumerable<object[]> Names => Scenarios.Keys.Select(static name => new object[] { name });
}
