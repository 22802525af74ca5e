using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// Reads the function inside an <see cref="Aff{RT, A}"/> (LanguageExt keeps it in the private field <c>thunk</c>).
/// A group calls it directly instead of through <c>Aff.Run</c>: <c>Run</c> only adds a try/catch inside an extra
/// async state machine per child, and the engine keeps the same try/catch itself. It also lets the engine see
/// children made by <see cref="Child"/> and start their tasks without any LanguageExt wrapper (the hot path).
/// </summary>
/// <remarks>If a LanguageExt version ever renames the field, <see cref="Available"/> is false and the engine falls
/// back to <c>Run</c>: slower, never wrong.</remarks>
internal static class AffThunk<RT, A>
    where RT : struct, HasCancel<RT>
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "thunk")]
    static extern ref Func<RT, ValueTask<Fin<A>>>? Field(ref Aff<RT, A> effect);

    public static readonly bool Available = Probe();

    /// <summary>The effect's function; null for a <c>default</c> effect (which fails as <c>Errors.Bottom</c>).</summary>
    public static Func<RT, ValueTask<Fin<A>>>? Of(ref Aff<RT, A> effect) => Field(ref effect);

    static bool Probe()
    {
        try
        {
            var probe = Aff<RT, A>.EffectMaybe(static _ => default);
            return Field(ref probe) is not null;
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }
}
