using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A child made from a <c>CancellationToken -&gt; Task</c> function. As an <c>Aff</c> it runs like any effect; inside a
/// group the engine recognises it (the effect's function is bound to this object) and starts the task itself,
/// so a lifted child costs the group no LanguageExt machinery at all.
/// </summary>
internal abstract class TaskChild<A>
{
    /// <summary>Starts the child's work with the group's token.</summary>
    public abstract ValueTask<A> Start(CancellationToken token);
}

/// <summary>The <see cref="TaskChild{A}"/> for one runtime type: its <see cref="Run"/> is the effect's function.</summary>
internal abstract class TaskChild<RT, A> : TaskChild<A>
    where RT : struct, HasCancel<RT>
{
    public Aff<RT, A> ToAff() => Aff<RT, A>.EffectMaybe(Run);

    ValueTask<Fin<A>> Run(RT runtime)
    {
        var running = Start(runtime.CancellationToken);
        return running.IsCompletedSuccessfully
            ? new(Fin<A>.Succ(running.Result))
            : Await(running);
    }

    static async ValueTask<Fin<A>> Await(ValueTask<A> running)
    {
        var task = running.AsTask();
        try
        {
            return Fin<A>.Succ(await task.ConfigureAwait(false));
        }
        catch when (task.Exception?.InnerExceptions.Count > 1)
        {
            // await surfaces only the first of several exceptions: keep them all (G3).
            throw task.Exception;
        }
    }
}

internal sealed class FromTaskChild<RT, A>(Func<CancellationToken, Task<A>> start) : TaskChild<RT, A>
    where RT : struct, HasCancel<RT>
{
    public override ValueTask<A> Start(CancellationToken token) => new(start(token));
}

internal sealed class FromValueTaskChild<RT, A>(Func<CancellationToken, ValueTask<A>> start) : TaskChild<RT, A>
    where RT : struct, HasCancel<RT>
{
    public override ValueTask<A> Start(CancellationToken token) => start(token);
}

internal sealed class FromUnitValueTaskChild<RT>(Func<CancellationToken, ValueTask> start) : TaskChild<RT, Unit>
    where RT : struct, HasCancel<RT>
{
    public override ValueTask<Unit> Start(CancellationToken token)
    {
        var running = start(token);
        return running.IsCompletedSuccessfully ? new(Unit.Default) : Await(running);
    }

    static async ValueTask<Unit> Await(ValueTask running)
    {
        var task = running.AsTask();
        try
        {
            await task.ConfigureAwait(false);
        }
        catch when (task.Exception?.InnerExceptions.Count > 1)
        {
            // await surfaces only the first of several exceptions: keep them all (G3).
            throw task.Exception;
        }
        return Unit.Default;
    }
}
