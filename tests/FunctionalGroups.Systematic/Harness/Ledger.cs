using LanguageExt.Common;
using Microsoft.Coyote.Specifications;

namespace FunctionalGroups.Systematic.Harness;

/// <summary>
/// What really happened in one explored run, written by the children as they run and read by the laws after the
/// group returned: which children started (in order) and are still running, per group, and every real failure
/// raised anywhere (a child's failure, a token callback that threw).
/// </summary>
/// <remarks>One instance per test iteration (made inside the scenario), so nothing leaks between schedules. Every
/// write takes <see cref="gate"/>; Coyote rewrites the lock into a controlled one.</remarks>
sealed class Ledger
{
    readonly object gate = new();
    readonly List<object> raised = [];

    /// <summary>Every real failure raised in this run (an <see cref="Error"/> or an <see cref="Exception"/>).</summary>
    public IReadOnlyList<object> Raised { get { lock (gate) return [.. raised]; } }

    /// <summary>A failure that the group must report exactly once (G3, G18).</summary>
    public void Raise(object failure)
    {
        lock (gate) raised.Add(failure);
    }

    /// <summary>A probe for one group of this run; <paramref name="name"/> names it in messages.</summary>
    public GroupProbe Group(string name) => new(name, gate);
}

/// <summary>The children of one group: started in which order, how many still run, what each succeeded with.</summary>
sealed class GroupProbe(string name, object gate)
{
    readonly List<int> starts = [];
    readonly Dictionary<int, int> values = [];
    int running;
    bool returned;

    public string Name => name;

    public IReadOnlyList<int> Starts { get { lock (gate) return [.. starts]; } }

    public bool Succeeded(int child, out int value)
    {
        lock (gate) return values.TryGetValue(child, out value);
    }

    public void Started(int child)
    {
        lock (gate)
        {
            Specification.Assert(!returned, $"G1: child {child} of {name} started after its group returned");
            starts.Add(child);
            running++;
        }
    }

    public void Ended(int child, int? value)
    {
        lock (gate)
        {
            Specification.Assert(!returned, $"G1: child {child} of {name} was still running when its group returned");
            running--;
            if (value is { } v) values[child] = v;
        }
    }

    /// <summary>The group's effect returned: from now on no child may start or still run (G1).</summary>
    public void Returned()
    {
        lock (gate)
        {
            Specification.Assert(running == 0, $"G1: {running} child(ren) of {name} still running when the group returned");
            returned = true;
        }
    }
}
