using System.Reflection;
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
/// <remarks>
/// <para>How it reads: <c>Aff</c> is a readonly struct whose only instance field is <c>thunk</c>, so a reference to
/// the struct is a reference to that field and <see cref="Unsafe.As{TFrom, TTo}(ref TFrom)"/> reads it. That layout
/// is checked once per closed type by reflection (<see cref="Available"/>); if a LanguageExt version ever adds a
/// field or renames this one, the engine falls back to <c>Run</c>: slower, never wrong.</para>
/// <para>Why not <c>[UnsafeAccessor]</c>: it reads at the same speed (the benchmark <c>ThunkRead</c>: 0.98× of it),
/// but it is an <c>extern</c> method with no IL body, which Coyote's binary rewriter cannot rewrite, and the
/// systematic tests (<c>tests/FunctionalGroups.Systematic</c>) run this engine rewritten. A cached compiled getter
/// was 4× slower.</para>
/// </remarks>
internal static class AffThunk<RT, A>
    where RT : struct, HasCancel<RT>
{
    public static readonly bool Available = HasOnlyTheThunkField();

    /// <summary>The effect's function; null for a <c>default</c> effect (which fails as <c>Errors.Bottom</c>).
    /// Only valid when <see cref="Available"/>.</summary>
    public static Func<RT, ValueTask<Fin<A>>>? Of(ref Aff<RT, A> effect) =>
        Unsafe.As<Aff<RT, A>, Func<RT, ValueTask<Fin<A>>>?>(ref effect);

    static bool HasOnlyTheThunkField()
    {
        var fields = typeof(Aff<RT, A>).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        return fields is [{ Name: "thunk" } only] && only.FieldType == typeof(Func<RT, ValueTask<Fin<A>>>);
    }
}
