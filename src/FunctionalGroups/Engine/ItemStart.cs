using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// How a traversal turns one item into a running child, as the child starts (never before: an item not started has no
/// child). The Aff form makes the child with the caller's function and starts it the engine's way
/// (<see cref="ChildStart{RT, A}"/>); the task form calls the caller's task function with the group's token. An
/// exception thrown here reaches the caller, which makes it that child's failure.
/// </summary>
internal abstract class ItemStart<RT, T, A>
    where RT : struct, HasCancel<RT>
{
    /// <summary>Starts the child of <paramref name="item"/>: true with its <paramref name="task"/>, false with its
    /// <paramref name="running"/> effect.</summary>
    public abstract bool Begin(T item, RT runtime, CancellationToken token, out ValueTask<A> task, out ValueTask<Fin<A>> running);

    public static ItemStart<RT, T, A> Of(Func<T, Aff<RT, A>> f) => new AffForm(f);

    public static ItemStart<RT, T, A> Of(Func<T, CancellationToken, Task<A>> f) => new TaskForm(f);

    sealed class AffForm(Func<T, Aff<RT, A>> f) : ItemStart<RT, T, A>
    {
        public override bool Begin(T item, RT runtime, CancellationToken token, out ValueTask<A> task, out ValueTask<Fin<A>> running)
        {
            var child = f(item);
            return ChildStart<RT, A>.Begin(ref child, runtime, token, out task, out running);
        }
    }

    sealed class TaskForm(Func<T, CancellationToken, Task<A>> f) : ItemStart<RT, T, A>
    {
        public override bool Begin(T item, RT runtime, CancellationToken token, out ValueTask<A> task, out ValueTask<Fin<A>> running)
        {
            running = default;
            task = new(f(item, token) ?? throw new InvalidOperationException("The task function gave null instead of a task."));
            return true;
        }
    }
}
