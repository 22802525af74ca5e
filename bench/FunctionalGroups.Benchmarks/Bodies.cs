using FunctionalGroups;
using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// The child bodies, written once and shared by every peer, so that every peer runs the same work per child.
/// Children are always built inside the measured method, as a user's code would build them.
/// </summary>
public static class Bodies
{
    /// <summary>The fan-out child, "yield once and return i", as a plain async method (the raw floor).</summary>
    public static async Task<int> YieldThenReturn(int i, CancellationToken ct)
    {
        _ = ct;
        await Task.Yield();
        return i;
    }

    /// <summary>The fan-out child lifted with <see cref="Child.FromTask{A}"/>: the same body as an async lambda.</summary>
    public static Aff<GroupRuntime, int> FromTaskChild(int i) =>
        Child.FromTask(async ct =>
        {
            await Task.Yield();
            return i;
        });

    /// <summary>The fan-out child as a LanguageExt effect: the same body in <c>Prelude.Aff</c>.</summary>
    public static Aff<GroupRuntime, int> AffChild(int i) =>
        Prelude.Aff<GroupRuntime, int>(async _ =>
        {
            await Task.Yield();
            return i;
        });

    /// <summary>A cancellable wait that never completes by itself.</summary>
    public static async Task<int> WaitForever(CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        return 0;
    }

    /// <summary>The exception every failing .NET child throws (a new instance per child).</summary>
    public static InvalidOperationException Failure() => new("child failed");

    /// <summary>The error every failing Aff child returns as a value (a new instance per child, no throw).</summary>
    public static Error FailureValue() => Error.New("child failed");

    /// <summary>
    /// Collects a hand-written run's outcomes the way a user writes it today: every value in order, or every error.
    /// Returns the same shape as a group, <c>Fin&lt;Seq&lt;int&gt;&gt;</c>.
    /// </summary>
    public static Fin<Seq<int>> Collect(Fin<int>[] outcomes)
    {
        var values = new int[outcomes.Length];
        List<Error>? errors = null;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var outcome = outcomes[i];
            if (outcome.IsSucc) values[i] = (int)outcome;
            else (errors ??= []).Add((Error)outcome);
        }
        return errors is null
            ? Fin<Seq<int>>.Succ(Prelude.toSeq(values))
            : Fin<Seq<int>>.Fail(Error.Many(errors.ToSeq()));
    }
}
