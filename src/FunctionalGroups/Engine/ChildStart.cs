using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// How the engine starts one child effect, the same for a fixed list's child (<see cref="ChildrenRun{RT, A, R}"/>) and a
/// scope's spawned member (<see cref="ScopeRun{RT, R}"/>): a child made by <see cref="Child"/> is started as the task it
/// is, with the group's token (no LanguageExt machinery at all); any other effect's function is called directly, without
/// the async state machine <c>Aff.Run</c> adds (<see cref="AffThunk{RT, A}"/>); a <c>default</c> effect fails as
/// <c>Errors.Bottom</c>. An exception thrown while the child starts reaches the caller, which makes it the child's
/// failure (never the group's), as <c>Aff.Run</c>'s try/catch would.
/// </summary>
internal static class ChildStart<RT, A>
    where RT : struct, HasCancel<RT>
{
    /// <summary>The name <see cref="NamedExtensions.Named{RT, A}(Aff{RT, A}, string)"/> gave the effect; null if none
    /// (or when the engine cannot read effects' functions, see <see cref="AffThunk{RT, A}.Available"/>).</summary>
    public static string? NameOf(ref Aff<RT, A> effect) => NamedChild<RT, A>.Of(effect)?.Name;

    /// <summary>Starts <paramref name="effect"/>: true with its <paramref name="task"/> when it is a task child, false
    /// with its <paramref name="running"/> effect otherwise.</summary>
    public static bool Begin(ref Aff<RT, A> effect, RT runtime, CancellationToken token, out ValueTask<A> task, out ValueTask<Fin<A>> running)
    {
        task = default;
        running = default;
        if (!AffThunk<RT, A>.Available)
        {
            running = effect.Run(runtime);
            return false;
        }
        var thunk = AffThunk<RT, A>.Of(ref effect);
        if (thunk?.Target is TaskChild<A> child)
        {
            task = child.Start(token);
            return true;
        }
        running = thunk is null ? new(Fin<A>.Fail(Errors.Bottom)) : thunk(runtime);
        return false;
    }
}
