using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Child
{
    // Lifts for async code that spawns, like a Python task calling tg.create_task: the code receives a TaskScope of the
    // scope it is spawned into, with its token. Each run of the child makes its own TaskScope (G8).

    /// <summary>
    /// A child that runs <paramref name="start"/> with a <see cref="TaskScope{RT}"/> of <paramref name="scope"/> and the
    /// group's token, so async code can spawn siblings and join them, like <c>tg.create_task</c> from inside a task.
    /// </summary>
    /// <example>
    /// <code>
    /// Group.Scope(scope =>
    ///     from crawler in scope.Spawn(Child.FromTask(scope, async (tg, ct) =>
    ///     {
    ///         var pages = (await api.FetchLinks("/", ct)).Select(link => tg.Spawn(c => api.Fetch(link, c), link)).ToList();
    ///         foreach (var page in pages) await tg.JoinAsync(page);
    ///         return pages.Count;
    ///     }), "crawler")
    ///     from count in crawler.Join
    ///     select count);
    /// </code>
    /// </example>
    /// <exception cref="ArgumentNullException"><paramref name="scope"/> or <paramref name="start"/> is null.</exception>
    public static Aff<RT, A> FromTask<RT, A>(GroupScope<RT> scope, Func<TaskScope<RT>, CancellationToken, Task<A>> start)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Spawning(scope.Spawner, start);
    }

    /// <inheritdoc cref="FromTask{RT, A}(GroupScope{RT}, Func{TaskScope{RT}, CancellationToken, Task{A}})"/>
    public static Aff<RT, Unit> FromTask<RT>(GroupScope<RT> scope, Func<TaskScope<RT>, CancellationToken, Task> start)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Spawning(scope.Spawner, start);
    }

    /// <inheritdoc cref="FromTask{RT, A}(GroupScope{RT}, Func{TaskScope{RT}, CancellationToken, Task{A}})"/>
    public static Aff<RT, A> FromTask<RT, R, A>(GroupScope<RT, R> scope, Func<TaskScope<RT>, CancellationToken, Task<A>> start)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Spawning(scope.Spawner, start);
    }

    /// <inheritdoc cref="FromTask{RT, A}(GroupScope{RT}, Func{TaskScope{RT}, CancellationToken, Task{A}})"/>
    public static Aff<RT, Unit> FromTask<RT, R>(GroupScope<RT, R> scope, Func<TaskScope<RT>, CancellationToken, Task> start)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Spawning(scope.Spawner, start);
    }

    static Aff<RT, A> Spawning<RT, A>(ISpawner<RT> spawner, Func<TaskScope<RT>, CancellationToken, Task<A>> start)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(start);
        return Aff<RT, A>.EffectMaybe(async rt =>
        {
            var tasks = new TaskScope<RT>(spawner, rt);
            var outcome = await FromTask<RT, A>(ct => start(tasks, ct)).Run(rt).ConfigureAwait(false);
            return outcome.IsSucc ? outcome : Fin<A>.Fail(tasks.PassedOn((LanguageExt.Common.Error)outcome));
        });
    }

    static Aff<RT, Unit> Spawning<RT>(ISpawner<RT> spawner, Func<TaskScope<RT>, CancellationToken, Task> start)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(start);
        return Spawning<RT, Unit>(spawner, async (tasks, ct) =>
        {
            await start(tasks, ct).ConfigureAwait(false);
            return Unit.Default;
        });
    }
}
