using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A child spawned into a scope, like the task <c>tg.create_task</c> returns: join it inside the scope, or read its
/// outcome after the scope ended. The scope itself keeps no handle: a finished child whose handle nobody holds is
/// released (a long-lived scope does not grow).
/// </summary>
public sealed class ChildHandle<RT, A>
    where RT : struct, HasCancel<RT>
{
    // Completed once, when the child has ended and the scope has recorded its outcome; continuations run
    // asynchronously so that a joiner never runs inside the child's completion.
    readonly TaskCompletionSource<Fin<A>> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Told which failures Join handed out, so a member failing with one is not reported twice.
    readonly Engine.IJoinWitness scope;

    internal ChildHandle(string? name, Engine.IJoinWitness scope)
    {
        Name = name;
        this.scope = scope;
    }

    /// <summary>The name the child was spawned with, if any.</summary>
    public string? Name { get; }

    /// <summary>
    /// Waits for the child and gives its value, or fails with its failure (the group reports that failure too, once).
    /// Cancelling the joiner stops the waiting, not the child.
    /// </summary>
    public Aff<RT, A> Join =>
        Aff<RT, A>.EffectMaybe(async rt =>
        {
            var ended = await outcome.Task.WaitAsync(rt.CancellationToken).ConfigureAwait(false);
            if (ended.IsFail) scope.Surfaced((LanguageExt.Common.Error)ended);
            return ended;
        });

    /// <summary>The child's outcome once it has ended (always, after the scope ended); <c>None</c> while it runs.</summary>
    public Option<Fin<A>> Result => outcome.Task.IsCompletedSuccessfully ? Option<Fin<A>>.Some(outcome.Task.Result) : Option<Fin<A>>.None;

    internal void Complete(Fin<A> ended) => outcome.TrySetResult(ended);
}
