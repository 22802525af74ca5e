using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// The scope a <see cref="Group.Scope{R}(Func{GroupScope{GroupRuntime}, Aff{GroupRuntime, R}})"/> body receives when the
/// scope's value type is left to inference: like Python's <c>tg</c> or Java's <c>StructuredTaskScope</c>, it knows the
/// runtime but not the value the body will give, so <c>Group.Scope(scope =&gt; …)</c> compiles as written. Spawn
/// children (<see cref="Spawn{A}(Aff{RT, A}, string?)"/>, <see cref="SpawnAll{A}(IEnumerable{Aff{RT, A}})"/>) from the
/// body or from the children, and cancel the whole group from inside (<see cref="Cancel"/>). Every rule of a scope
/// holds (G1, G2, G3, G9, G10): it is the same engine as <see cref="GroupScope{RT, R}"/>.
/// </summary>
/// <remarks>
/// <para><b>Cancel without a value.</b> <see cref="Cancel"/> takes no value: the scope's value is the body's. If the
/// body was cancelled before it gave one, there is no value to give, and the scope ends with <c>Errors.Cancelled</c>
/// (what an outer cancel gives, G7), except for a <see cref="Unit"/> scope, whose only value is <c>unit</c> (G10: no
/// error). To give a value of your own in that case, spell the value type and use
/// <see cref="GroupScope{RT, R}.Cancel(R)"/>: <c>Group.Scope&lt;int&gt;(scope =&gt; … scope.Cancel(0) …)</c>.</para>
/// <para><b>The shipped runtime's name.</b> For <see cref="GroupRuntime"/> this is <c>GroupScope&lt;GroupRuntime&gt;</c>,
/// a closed type: a helper's signature can alias it, <c>using Scope = FunctionalGroups.GroupScope&lt;FunctionalGroups.GroupRuntime&gt;;</c>
/// (C# 12). The library adds no second type for it, so a scope is one type whatever it is called.</para>
/// </remarks>
/// <example>
/// <code>
/// var total = Group.Scope(scope =>
///     from users  in scope.Spawn(Child.FromTask(ct => api.CountUsers(ct)), "users")
///     from orders in scope.Spawn(Child.FromTask(ct => api.CountOrders(ct)), "orders")
///     from u in users.Join
///     from o in orders.Join
///     select u + o);                      // Aff&lt;GroupRuntime, int&gt;
/// </code>
/// </example>
public sealed class GroupScope<RT>
    where RT : struct, HasCancel<RT>
{
    readonly IScope<RT> scope;

    internal GroupScope(IScope<RT> scope) => this.scope = scope;

    /// <summary>This scope as a spawner, for the task lifts of Child.Scoped.cs.</summary>
    internal ISpawner<RT> Spawner => scope;

    /// <summary>
    /// Starts <paramref name="child"/> in the group and gives its handle; see
    /// <see cref="GroupScope{RT, R}.Spawn{A}(Aff{RT, A}, string?)"/> (refused with <see cref="SpawnRefusedError"/> once
    /// the group shuts down, G9).
    /// </summary>
    /// <param name="child">The child.</param>
    /// <param name="name">A name that travels with the child's failure; none when null.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank.</exception>
    public Aff<RT, ChildHandle<RT, A>> Spawn<A>(Aff<RT, A> child, string? name = null) => scope.Spawn(child, name);

    /// <summary>
    /// Starts every child in order, like <c>tg.create_task</c> in a loop, and gives their handles in the same order.
    /// A refused spawn (G9) stops the loop: the effect fails with that <see cref="SpawnRefusedError"/>, and the children
    /// started before it stay members (the scope cancels and joins them).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public Aff<RT, Seq<ChildHandle<RT, A>>> SpawnAll<A>(IEnumerable<Aff<RT, A>> children) =>
        Spawning.All(children, scope.Spawn);

    /// <inheritdoc cref="SpawnAll{A}(IEnumerable{Aff{RT, A}})"/>
    public Aff<RT, Seq<ChildHandle<RT, A>>> SpawnAll<A>(params Aff<RT, A>[] children) =>
        Spawning.All(children, scope.Spawn);

    /// <summary>
    /// Cancels every child and the body (G10). The scope's value is the body's value if it gave one; otherwise
    /// <c>unit</c> for a <see cref="Unit"/> scope, and <c>Errors.Cancelled</c> for any other (there is no value to
    /// give; see the remarks of <see cref="GroupScope{RT}"/>). Calling it again changes nothing.
    /// </summary>
    public Aff<RT, Unit> Cancel() => scope.Cancel();

    /// <summary>True once the group is shutting down: a spawn now would be refused.</summary>
    public bool IsShuttingDown => scope.IsShuttingDown;
}

/// <summary>What a scope offers whatever its value type: the spawner (the scope proper, or the typed one).</summary>
interface ISpawner<RT>
    where RT : struct, HasCancel<RT>
{
    Aff<RT, ChildHandle<RT, A>> Spawn<A>(Aff<RT, A> child, string? name);

    Fin<ChildHandle<RT, A>> SpawnNow<A>(Aff<RT, A> child, string? name);

    bool IsShuttingDown { get; }
}

/// <summary>A spawner that can also be cancelled without a value.</summary>
interface IScope<RT> : ISpawner<RT>
    where RT : struct, HasCancel<RT>
{
    Aff<RT, Unit> Cancel();
}

/// <summary>
/// A <see cref="GroupScope{RT}"/> over the engine's scope of <c>Option&lt;R&gt;</c>: the body's value is <c>Some</c>,
/// and <see cref="Cancel"/> gives <c>None</c> as the value for when the body gives none.
/// </summary>
sealed class OptionScope<RT, R>(GroupScope<RT, Option<R>> inner) : IScope<RT>
    where RT : struct, HasCancel<RT>
{
    public Aff<RT, ChildHandle<RT, A>> Spawn<A>(Aff<RT, A> child, string? name) => inner.Spawn(child, name);

    public Fin<ChildHandle<RT, A>> SpawnNow<A>(Aff<RT, A> child, string? name) => inner.SpawnNow(child, name);

    public bool IsShuttingDown => inner.IsShuttingDown;

    public Aff<RT, Unit> Cancel() => inner.Cancel(Option<R>.None);
}

/// <summary>A typed <see cref="GroupScope{RT, R}"/> seen as a spawner.</summary>
sealed class TypedSpawner<RT, R>(GroupScope<RT, R> inner) : ISpawner<RT>
    where RT : struct, HasCancel<RT>
{
    public Aff<RT, ChildHandle<RT, A>> Spawn<A>(Aff<RT, A> child, string? name) => inner.Spawn(child, name);

    public Fin<ChildHandle<RT, A>> SpawnNow<A>(Aff<RT, A> child, string? name) => inner.SpawnNow(child, name);

    public bool IsShuttingDown => inner.IsShuttingDown;
}

/// <summary>Spawning a list of children, for both kinds of scope.</summary>
static class Spawning
{
    public static Aff<RT, Seq<ChildHandle<RT, A>>> All<RT, A>(IEnumerable<Aff<RT, A>> children, Func<Aff<RT, A>, string?, Aff<RT, ChildHandle<RT, A>>> spawn)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(children);
        // G8: the list is read when the effect runs, once per run.
        return Aff<RT, Seq<ChildHandle<RT, A>>>.EffectMaybe(async rt =>
        {
            var handles = new List<ChildHandle<RT, A>>();
            foreach (var child in children)
            {
                var spawned = await spawn(child, null).Run(rt).ConfigureAwait(false);
                if (spawned.IsFail) return Fin<Seq<ChildHandle<RT, A>>>.Fail((LanguageExt.Common.Error)spawned);
                handles.Add((ChildHandle<RT, A>)spawned);
            }
            return Fin<Seq<ChildHandle<RT, A>>>.Succ(handles.ToSeq());
        });
    }
}
