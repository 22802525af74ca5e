using System.Collections.Concurrent;

namespace FunctionalGroups.Orleans.Tests.Grains;

/// <summary>What a test worker grain does when called.</summary>
public enum Behaviour
{
    /// <summary>Returns its value once <see cref="Script.Release"/> is open.</summary>
    Succeed,
    /// <summary>Throws once <see cref="Script.FailAfter"/> has completed, without looking at its token.</summary>
    Fail,
    /// <summary>Waits for its token; when cancelled, records it, then waits for <see cref="Script.Release"/> and ends cancelled.</summary>
    AwaitCancel,
    /// <summary>Records a cancellation but goes on until <see cref="Script.Release"/> opens, then returns its value.</summary>
    IgnoreCancel,
}

/// <summary>
/// The gates one worker grain runs by, held in this process (the cluster is in process too), keyed by test id and
/// grain key: the test opens and watches them, so nothing waits on the clock.
/// </summary>
public sealed class Script(Behaviour behaviour)
{
    public Behaviour Behaviour { get; } = behaviour;
    public Task FailAfter { get; init; } = Task.CompletedTask;
    public string Value { get; init; } = "done";
    /// <summary>What <see cref="Behaviour.Fail"/> throws; an <see cref="InvalidOperationException"/> if not set.</summary>
    public Exception? Throws { get; init; }

    /// <summary>Set by the grain when its method starts, with the label of the silo running it.</summary>
    public TaskCompletionSource<string> Started { get; } = New<string>();
    public TaskCompletionSource CancelSeen { get; } = New();
    public TaskCompletionSource Release { get; } = New();
    /// <summary>Set by the grain as its method returns or throws.</summary>
    public TaskCompletionSource Ended { get; } = New();

    static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The registry of <see cref="Script"/>s.</summary>
public static class Scripts
{
    static readonly ConcurrentDictionary<string, Script> All = new();

    /// <summary>A fresh test id: the grains of one test are never reused by another.</summary>
    public static string NewTest() => Guid.NewGuid().ToString("N");

    /// <summary>Registers the script of the worker at <paramref name="silo"/> named <paramref name="name"/>; returns its key.</summary>
    public static string Add(string test, int silo, string name, Script script)
    {
        var key = $"{silo}:{test}:{name}";
        All[key] = script;
        return key;
    }

    public static Script Of(string key) =>
        All.TryGetValue(key, out var script) ? script : throw new InvalidOperationException($"No script for {key}.");
}
