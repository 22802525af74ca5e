using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A scope as ordinary async code sees it, like Python's <c>tg</c> inside a task: a child lifted with
/// <c>Child.FromTask(scope, async (tg, ct) =&gt; …)</c> receives one, spawns with <see cref="Spawn{A}(Func{CancellationToken, Task{A}}, string)"/>
/// (it returns at once, like <c>tg.create_task</c>) and awaits a sibling with <see cref="JoinAsync{A}(ChildHandle{RT, A})"/>.
/// Every rule of the scope holds: the children spawned here are members of the scope (G1, G2, G9).
/// </summary>
/// <remarks>
/// Task code speaks in exceptions, so a refused spawn throws: an <see cref="OperationCanceledException"/> on the
/// child's token while the scope shuts down (the child then ends as cancelled, not failed: G13), an
/// <see cref="InvalidOperationException"/> after the scope ended (a programming error). A failed join throws the
/// failure's exception; a task that lets it escape passes on the very failure it joined, reported once (G18).
/// </remarks>
public sealed class TaskScope<RT>
    where RT : struct, HasCancel<RT>
{
    readonly ISpawner<RT> spawner;
    readonly RT runtime;

    // The failures JoinAsync threw, by the exception thrown: a task that rethrows one ends with the joined Error itself.
    // Written and read under the lock; a task's joins may run on several threads.
    readonly List<(Exception Thrown, Error Joined)> handedOut = [];

    internal TaskScope(ISpawner<RT> spawner, RT runtime)
    {
        this.spawner = spawner;
        this.runtime = runtime;
    }

    /// <summary>The token of the child this scope was given to (the group's, for that child).</summary>
    public CancellationToken Token => runtime.CancellationToken;

    /// <summary>True once the group is shutting down: a spawn now would be refused.</summary>
    public bool IsShuttingDown => spawner.IsShuttingDown;

    /// <summary>Starts <paramref name="child"/> in the scope and gives its handle at once (G17).</summary>
    /// <exception cref="OperationCanceledException">The scope is shutting down: the child was not started (G9).</exception>
    /// <exception cref="InvalidOperationException">The scope has ended.</exception>
    public ChildHandle<RT, A> Spawn<A>(Aff<RT, A> child) => Started(spawner.SpawnNow(child, null));

    /// <inheritdoc cref="Spawn{A}(Aff{RT, A})"/>
    /// <param name="child">The child.</param>
    /// <param name="name">A name that travels with the child's failure.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or blank.</exception>
    public ChildHandle<RT, A> Spawn<A>(Aff<RT, A> child, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Started(spawner.SpawnNow(child, name));
    }

    /// <inheritdoc cref="Spawn{A}(Aff{RT, A})"/>
    /// <param name="start">Async code that receives the group's token for the new child.</param>
    public ChildHandle<RT, A> Spawn<A>(Func<CancellationToken, Task<A>> start) => Spawn(Child.FromTask<RT, A>(start));

    /// <summary>Starts async code as a named child in the scope and gives its handle at once (G17).</summary>
    /// <param name="start">Async code that receives the group's token for the new child.</param>
    /// <param name="name">A name that travels with the child's failure.</param>
    /// <exception cref="OperationCanceledException">The scope is shutting down: the child was not started (G9).</exception>
    /// <exception cref="InvalidOperationException">The scope has ended.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or blank.</exception>
    public ChildHandle<RT, A> Spawn<A>(Func<CancellationToken, Task<A>> start, string name) => Spawn(Child.FromTask<RT, A>(start), name);

    /// <inheritdoc cref="Spawn{A}(Func{CancellationToken, Task{A}})"/>
    public ChildHandle<RT, Unit> Spawn(Func<CancellationToken, Task> start) => Spawn(Child.FromTask<RT>(start));

    /// <inheritdoc cref="Spawn{A}(Func{CancellationToken, Task{A}}, string)"/>
    public ChildHandle<RT, Unit> Spawn(Func<CancellationToken, Task> start, string name) => Spawn(Child.FromTask<RT>(start), name);

    ChildHandle<RT, A> Started<A>(Fin<ChildHandle<RT, A>> spawned) =>
        spawned.Match(
            Succ: static handle => handle,
            Fail: error => throw (error is SpawnRefusedError { IsShuttingDown: true }
                ? new OperationCanceledException(error.Message, runtime.CancellationToken)
                : new InvalidOperationException(error.Message)));

    /// <summary>
    /// Waits for the child of <paramref name="handle"/> and gives its value, or throws its failure's exception (see
    /// <see cref="ChildHandle{RT, A}.Join"/>; cancelling this child stops the waiting, not the other).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    public async Task<A> JoinAsync<A>(ChildHandle<RT, A> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var outcome = await handle.Join.Run(runtime).ConfigureAwait(false);
        if (outcome.IsSucc) return (A)outcome;
        var error = (Error)outcome;
        var thrown = error.ToException();
        lock (handedOut) handedOut.Add((thrown, error));
        throw thrown;
    }

    /// <summary>The joined failure whose exception the task let escape, or the task's own failure.</summary>
    internal Error PassedOn(Error failure)
    {
        var thrown = failure.ToException();
        lock (handedOut)
            foreach (var (exception, joined) in handedOut)
                if (ReferenceEquals(exception, thrown)) return joined;
        return failure;
    }
}
