using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// The scope a <see cref="Group.Scope{RT, R}(Func{GroupScope{RT, R}, Aff{RT, R}})"/> body receives: spawn children
/// while the group runs (like <c>tg.create_task</c>), from the body or from the children themselves, and cancel the
/// whole group from inside. Every rule of a group holds: the scope ends only when the body and every spawned child
/// have ended (G1), the first real failure cancels everyone (G2), every failure is reported (G3).
/// </summary>
/// <example>
/// <code>
/// Group.Scope&lt;int&gt;(scope =>
///     from a in scope.Spawn(FetchA, "a")
///     from b in scope.Spawn(FetchB, "b")
///     from x in a.Join
///     from y in b.Join
///     select x + y);
/// </code>
/// </example>
public sealed class GroupScope<RT, R>
    where RT : struct, HasCancel<RT>
{
    readonly Engine.ScopeRun<RT, R> run;

    internal GroupScope(Engine.ScopeRun<RT, R> run) => this.run = run;

    /// <summary>
    /// Starts <paramref name="child"/> in the group and gives its handle. Once the group is shutting down (a
    /// failure, an outer cancel, <see cref="Cancel(R)"/>) the child is not started and the effect fails with
    /// <see cref="SpawnRefusedError.ShuttingDown"/>; after the group finished, with
    /// <see cref="SpawnRefusedError.Finished"/> (G9). A child spawned in the same instant as a sibling's failure
    /// is still cancelled and joined.
    /// </summary>
    /// <param name="child">The child. It runs on the spawning thread up to its first real await, in the spawner's
    /// <see cref="ExecutionContext"/> (G16); spawned from inside another child's synchronous start, it is scheduled on
    /// the thread pool instead, so a spawn never runs the work of the child's own descendants (G17).</param>
    /// <param name="name">A name that travels with the child's failure (<see cref="NamedError"/>); none when null.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank.</exception>
    public Aff<RT, ChildHandle<RT, A>> Spawn<A>(Aff<RT, A> child, string? name = null)
    {
        if (name is not null) ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var named = name is null ? child : child.Named(name);
        return Aff<RT, ChildHandle<RT, A>>.EffectMaybe(_ => new(run.Spawn(named, name)));
    }

    /// <summary>
    /// Cancels every child and the body; the scope then ends with no error (G10): its value is the body's value if
    /// the body produced one, otherwise <paramref name="result"/>. Calling it again changes nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public Aff<RT, Unit> Cancel(R result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Aff<RT, Unit>.EffectMaybe(_ =>
        {
            run.Cancel(result);
            return new(Fin<Unit>.Succ(Unit.Default));
        });
    }

    /// <summary>True once the group is shutting down: a spawn now would be refused.</summary>
    public bool IsShuttingDown => run.IsShuttingDown;

    /// <summary>
    /// Starts every child in order, like <c>tg.create_task</c> in a loop, and gives their handles in the same order.
    /// A refused spawn (G9) stops the loop: the effect fails with that <see cref="SpawnRefusedError"/>, and the children
    /// started before it stay members (the scope cancels and joins them).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public Aff<RT, Seq<ChildHandle<RT, A>>> SpawnAll<A>(IEnumerable<Aff<RT, A>> children) =>
        Spawning.All(children, Spawn);

    /// <inheritdoc cref="SpawnAll{A}(IEnumerable{Aff{RT, A}})"/>
    public Aff<RT, Seq<ChildHandle<RT, A>>> SpawnAll<A>(params Aff<RT, A>[] children) =>
        Spawning.All(children, Spawn);

    /// <summary>This scope as a spawner, for the task lifts of Child.Scoped.cs.</summary>
    internal ISpawner<RT> Spawner => new TypedSpawner<RT, R>(this);

    /// <summary><see cref="Spawn{A}(Aff{RT, A}, string?)"/> now, for task code (<see cref="TaskScope{RT}"/>).</summary>
    internal Fin<ChildHandle<RT, A>> SpawnNow<A>(Aff<RT, A> child, string? name)
    {
        if (name is not null) ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return run.Spawn(name is null ? child : child.Named(name), name);
    }
}

/// <summary>Conveniences for scopes.</summary>
public static class GroupScopeExtensions
{
    /// <summary>Cancels a scope whose body gives <see cref="Unit"/>; see <see cref="GroupScope{RT, R}.Cancel(R)"/>.</summary>
    public static Aff<RT, Unit> Cancel<RT>(this GroupScope<RT, Unit> scope) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Cancel(Unit.Default);
    }
}
