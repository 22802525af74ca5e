using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    /// <summary>
    /// A group with dynamic spawning, like Python's <c>async with TaskGroup() as tg</c> or Trio's nursery: the body
    /// receives a <see cref="GroupScope{RT, R}"/>, spawns children (which may spawn more), and the group completes
    /// when the body and every spawned child have ended. The body is a member: its failure cancels the children, a
    /// child's failure cancels it. The value is the body's value; failures come as one <see cref="GroupError"/>,
    /// the children's in spawn order, then the body's (Total counts the body as a task).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static Aff<RT, R> Scope<RT, R>(Func<GroupScope<RT, R>, Aff<RT, R>> body) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(body);
        // G8: nothing runs here; each run of the effect makes its own scope.
        return Aff<RT, R>.EffectMaybe(rt => new Engine.ScopeRun<RT, R>(body, GroupOptions.Default).Start(rt));
    }

    /// <inheritdoc cref="Scope{RT, R}(Func{GroupScope{RT, R}, Aff{RT, R}})"/>
    /// <param name="body">The body: it receives the scope and gives the scope's value.</param>
    /// <param name="options">A limit on spawned children running at once (the rest wait their turn in spawn
    /// order, and never start once the scope shuts down), a timeout, thread-pool start; see <see cref="GroupOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, R> Scope<RT, R>(Func<GroupScope<RT, R>, Aff<RT, R>> body, GroupOptions options) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        return Aff<RT, R>.EffectMaybe(rt => new Engine.ScopeRun<RT, R>(body, options).Start(rt));
    }

    /// <inheritdoc cref="Scope{RT, R}(Func{GroupScope{RT, R}, Aff{RT, R}}, GroupOptions)"/>
    public static Aff<GroupRuntime, R> Scope<R>(Func<GroupScope<GroupRuntime, R>, Aff<GroupRuntime, R>> body, GroupOptions options) =>
        Scope<GroupRuntime, R>(body, options);

    /// <inheritdoc cref="Scope{RT, R}(Func{GroupScope{RT, R}, Aff{RT, R}})"/>
    public static Aff<GroupRuntime, R> Scope<R>(Func<GroupScope<GroupRuntime, R>, Aff<GroupRuntime, R>> body) =>
        Scope<GroupRuntime, R>(body);
}
