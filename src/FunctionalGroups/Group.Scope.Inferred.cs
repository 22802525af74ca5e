using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    // These overloads give the body a GroupScope<RT>, whose type does not name the scope's value, so C# infers the value
    // from the body: Group.Scope(scope => …) compiles as written. When the value type is spelled
    // (Group.Scope<int>(scope => …)) both these and the typed overloads of Group.Scope.cs could take the body; the
    // typed ones win (priority -1 here), so code written for GroupScope<RT, R> keeps its meaning, and a body that only
    // the scope without a value type fits (it calls Cancel() in a non-Unit scope) still comes here.

    /// <summary>
    /// A group with dynamic spawning, like Python's <c>async with TaskGroup() as tg</c>, whose value type C# infers
    /// from the body: the body receives a <see cref="GroupScope{RT}"/>. Everything else is as for
    /// <see cref="Scope{RT, R}(Func{GroupScope{RT, R}, Aff{RT, R}})"/>; <see cref="GroupScope{RT}.Cancel"/> gives the
    /// body's value, or <c>Errors.Cancelled</c> when the body gave none (<c>unit</c> for a <see cref="Unit"/> scope).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    [OverloadResolutionPriority(-1)]
    public static Aff<RT, R> Scope<RT, R>(Func<GroupScope<RT>, Aff<RT, R>> body) where RT : struct, HasCancel<RT> =>
        Scope(body, GroupOptions.Default);

    /// <inheritdoc cref="Scope{RT, R}(Func{GroupScope{RT}, Aff{RT, R}})"/>
    /// <param name="body">The body: it receives the scope and gives the scope's value.</param>
    /// <param name="options">A limit, a timeout, thread-pool start; see <see cref="GroupOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="options"/> is null.</exception>
    [OverloadResolutionPriority(-1)]
    public static Aff<RT, R> Scope<RT, R>(Func<GroupScope<RT>, Aff<RT, R>> body, GroupOptions options) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        // The engine's scope holds Option<R>: Some for the body's value, None as the value of a Cancel() without one.
        var inner = Scope<RT, Option<R>>(
            scope => body(new GroupScope<RT>(new OptionScope<RT, R>(scope))).Map(static value => Option<R>.Some(value)),
            options);
        return Aff<RT, R>.EffectMaybe(async rt =>
            (await inner.Run(rt).ConfigureAwait(false)).Match(
                Succ: static value => value.Match(
                    Some: static v => Fin<R>.Succ(v),
                    None: static () => typeof(R) == typeof(Unit) ? Fin<R>.Succ((R)(object)Unit.Default) : Fin<R>.Fail(Errors.Cancelled)),
                Fail: static error => Fin<R>.Fail(error)));
    }

    /// <inheritdoc cref="Scope{RT, R}(Func{GroupScope{RT}, Aff{RT, R}})"/>
    [OverloadResolutionPriority(-1)]
    public static Aff<GroupRuntime, R> Scope<R>(Func<GroupScope<GroupRuntime>, Aff<GroupRuntime, R>> body) =>
        Scope<GroupRuntime, R>(body, GroupOptions.Default);

    /// <inheritdoc cref="Scope{RT, R}(Func{GroupScope{RT}, Aff{RT, R}}, GroupOptions)"/>
    [OverloadResolutionPriority(-1)]
    public static Aff<GroupRuntime, R> Scope<R>(Func<GroupScope<GroupRuntime>, Aff<GroupRuntime, R>> body, GroupOptions options) =>
        Scope<GroupRuntime, R>(body, options);
}
