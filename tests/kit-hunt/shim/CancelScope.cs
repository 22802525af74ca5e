using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// Compile-time shim for the hunt only (tests/kit-hunt/old-engine.sh copies it into a temporary copy of an old engine):
/// the engine at add5bfc had no cancel scopes, and the new kit's interpreter runs its cancel-scope plan nodes through
/// them (internal: the script makes the engine's internals visible to the kit). The hunt never generates those nodes (<c>FaultPlanSizes.CancelScopes</c> is off), so these are never called.
/// </summary>
internal static class CancelScope
{
    internal static Aff<RT, A> FailAfter<RT, A>(this Aff<RT, A> effect, TimeSpan duration, TimeProvider timeProvider)
        where RT : struct, HasCancel<RT> =>
        throw new NotSupportedException("This engine has no cancel scopes (a hunt shim).");

    internal static Aff<RT, Option<A>> MoveOnAfter<RT, A>(this Aff<RT, A> effect, TimeSpan duration, TimeProvider timeProvider)
        where RT : struct, HasCancel<RT> =>
        throw new NotSupportedException("This engine has no cancel scopes (a hunt shim).");

    internal static Aff<RT, A> Shield<RT, A>(this Aff<RT, A> effect)
        where RT : struct, HasCancel<RT> =>
        throw new NotSupportedException("This engine has no cancel scopes (a hunt shim).");
}
