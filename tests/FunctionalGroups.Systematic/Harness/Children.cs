using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Systematic.Harness;

/// <summary>Builds the generated children: each reports to its group's <see cref="GroupProbe"/> when it starts and
/// ends, and every real failure it raises to the run's <see cref="Ledger"/> before raising it.</summary>
sealed class Children(Ledger ledger, Draw draw, bool cancelIsCertain, Kind[]? palette = null)
{
    /// <summary>One static instance shared by every child of kind <see cref="Kind.FailsWithSharedError"/>.</summary>
    static readonly Error Shared = Error.New(4040, "shared: not found");

    int nextId;

    /// <summary><paramref name="count"/> generated children of <paramref name="probe"/>'s group; nesting stops at
    /// <paramref name="depth"/> 0.</summary>
    public Aff<GroupRuntime, int>[] Generate(GroupProbe probe, int count, int depth)
    {
        var children = new Aff<GroupRuntime, int>[count];
        for (var i = 0; i < count; i++) children[i] = Tracked(probe, i, Body(draw.Kind(cancelIsCertain, depth, palette), depth));
        return children;
    }

    /// <summary>Wraps a child body so its group's probe sees it start and end (and its value).</summary>
    public static Aff<GroupRuntime, int> Tracked(GroupProbe probe, int index, Func<GroupRuntime, Task<Fin<int>>> body) =>
        Prelude.AffMaybe<GroupRuntime, int>(async rt =>
        {
            probe.Started(index);
            int? value = null;
            try
            {
                var fin = await body(rt);
                if (fin.IsSucc) value = (int)fin;
                return fin;
            }
            finally
            {
                probe.Ended(index, value);
            }
        });

    Func<GroupRuntime, Task<Fin<int>>> Body(Kind kind, int depth)
    {
        var id = ++nextId;
        return kind switch
        {
            Kind.Succeeds => async _ => { await Task.Yield(); return id; },
            Kind.SucceedsAtOnce => _ => Task.FromResult(Fin<int>.Succ(id)),
            Kind.Fails => async _ => { await Task.Yield(); return Fail(Error.New(id, $"child {id} failed")); },
            Kind.FailsAtOnce => _ => Task.FromResult(Fail(Error.New(id, $"child {id} failed at once"))),
            Kind.Throws => async _ =>
            {
                await Task.Yield();
                var e = new InvalidOperationException($"child {id} threw");
                ledger.Raise(e);
                throw e;
            },
            Kind.FailsWithSharedError => async _ => { await Task.Yield(); return Fail(Shared); },
            Kind.FailsWithBottom => async _ => { await Task.Yield(); return Fail(Errors.Bottom); },
            Kind.FailsWithBareExceptional => async _ => { await Task.Yield(); return Fail(new Exceptional($"child {id} bare", id)); },
            Kind.Cooperative => rt => Cooperative(rt.CancellationToken, id),
            Kind.IgnoresCancellation => async _ =>
            {
                for (var i = 0; i < 3; i++) await Task.Yield();
                return id;
            },
            Kind.CallbackThrows => async rt =>
            {
                var e = new InvalidOperationException($"child {id}'s cancellation callback threw");
                using var registration = rt.CancellationToken.Register(() =>
                {
                    ledger.Raise(e);
                    throw e;
                });
                return await Cooperative(rt.CancellationToken, id);
            },
            Kind.WaitsForCancel => async rt =>
            {
                await Cancelled(rt.CancellationToken);
                throw new OperationCanceledException(rt.CancellationToken);
            },
            Kind.EndsInsideTheCancel => async rt =>
            {
                var e = new InvalidOperationException($"child {id}'s cancellation callback threw after it ended");
                // Callbacks run last-registered first: the completion below runs the child's end inline, then this throws.
                using var throws = rt.CancellationToken.Register(() =>
                {
                    ledger.Raise(e);
                    throw e;
                });
                var cancelled = new TaskCompletionSource();
                using var completes = rt.CancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled);
                await cancelled.Task;
                return id;
            },
            Kind.FailsInCleanup => async rt =>
            {
                await Cancelled(rt.CancellationToken);
                return Fail(Error.New(id, $"child {id} failed in its cleanup"));
            },
            Kind.Nested => async rt =>
            {
                var probe = ledger.Group($"nested group {id}");
                var children = Generate(probe, 1 + draw.Below(3), depth - 1);
                var fin = await Group.All(children).Map(values => values.Sum()).Run(rt);
                probe.Returned();
                return fin;
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    Fin<int> Fail(Error error)
    {
        ledger.Raise(error);
        return Fin<int>.Fail(error);
    }

    static async Task<Fin<int>> Cooperative(CancellationToken token, int id)
    {
        for (var i = 0; i < 3; i++)
        {
            await Task.Yield();
            token.ThrowIfCancellationRequested();
        }
        return id;
    }

    /// <summary>Completes when <paramref name="token"/> is cancelled (a controlled task: Coyote sees the wait).</summary>
    static Task Cancelled(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled);
        return cancelled.Task;
    }
}
