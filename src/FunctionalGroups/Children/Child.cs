using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// Makes children from ordinary .NET code. A child lifted from a <c>CancellationToken -&gt; Task</c> function receives
/// the group's token, so a failing sibling really cancels it.
/// </summary>
/// <remarks>
/// The forms without a runtime type argument make children for the shipped <see cref="GroupRuntime"/>, so a C#
/// caller need not spell <c>&lt;RT, A&gt;</c>. A task that completes with <c>null</c> is a failure of the child
/// (LanguageExt's <c>Fin</c> holds no null).
/// </remarks>
/// <example>
/// <code>
/// var accounts = Child.FromTask(ct => http.GetFromJsonAsync&lt;Account[]&gt;("/accounts", ct)).Named("accounts");
/// </code>
/// </example>
public static partial class Child
{
    /// <summary>A child that runs <paramref name="start"/> with the group's token.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="start"/> is null.</exception>
    public static Aff<RT, A> FromTask<RT, A>(Func<CancellationToken, Task<A>> start) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(start);
        return new FromTaskChild<RT, A>(start).ToAff();
    }

    /// <summary>A child that runs <paramref name="start"/> with the group's token.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="start"/> is null.</exception>
    public static Aff<RT, A> FromValueTask<RT, A>(Func<CancellationToken, ValueTask<A>> start) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(start);
        return new FromValueTaskChild<RT, A>(start).ToAff();
    }

    /// <summary>A child that runs <paramref name="start"/> with the group's token and gives <see cref="Unit"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="start"/> is null.</exception>
    public static Aff<RT, Unit> FromTask<RT>(Func<CancellationToken, Task> start) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(start);
        return new FromUnitValueTaskChild<RT>(token => new ValueTask(start(token))).ToAff();
    }

    /// <summary>A child that runs <paramref name="start"/> with the group's token and gives <see cref="Unit"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="start"/> is null.</exception>
    public static Aff<RT, Unit> FromValueTask<RT>(Func<CancellationToken, ValueTask> start) where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(start);
        return new FromUnitValueTaskChild<RT>(start).ToAff();
    }

    /// <inheritdoc cref="FromTask{RT, A}(Func{CancellationToken, Task{A}})"/>
    public static Aff<GroupRuntime, A> FromTask<A>(Func<CancellationToken, Task<A>> start) =>
        FromTask<GroupRuntime, A>(start);

    /// <inheritdoc cref="FromValueTask{RT, A}(Func{CancellationToken, ValueTask{A}})"/>
    public static Aff<GroupRuntime, A> FromValueTask<A>(Func<CancellationToken, ValueTask<A>> start) =>
        FromValueTask<GroupRuntime, A>(start);

    /// <inheritdoc cref="FromTask{RT}(Func{CancellationToken, Task})"/>
    public static Aff<GroupRuntime, Unit> FromTask(Func<CancellationToken, Task> start) =>
        FromTask<GroupRuntime>(start);

    /// <inheritdoc cref="FromValueTask{RT}(Func{CancellationToken, ValueTask})"/>
    public static Aff<GroupRuntime, Unit> FromValueTask(Func<CancellationToken, ValueTask> start) =>
        FromValueTask<GroupRuntime>(start);

    /// <summary>
    /// A child that runs the synchronous <paramref name="effect"/> on the thread pool, so that such children really
    /// run side by side. If the group is cancelled before its turn comes, it never runs.
    /// </summary>
    public static Aff<RT, A> FromEff<RT, A>(Eff<RT, A> effect) where RT : struct, HasCancel<RT> =>
        Aff<RT, A>.EffectMaybe(rt => new ValueTask<Fin<A>>(Task.Run(() => effect.Run(rt), rt.CancellationToken)));
}
