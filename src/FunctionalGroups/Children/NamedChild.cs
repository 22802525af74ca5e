using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A named child (<see cref="NamedExtensions.Named{RT, A}(Aff{RT, A}, string)"/>): as an <c>Aff</c> it runs the child and
/// puts its name around a failure, as <c>MapFail</c> would; inside a group the engine also reads the name as the child
/// starts (the effect's function is bound to this object), for the child's span, the live tree and who-cancelled-whom.
/// </summary>
/// <remarks>The work is LanguageExt's own <c>MapFail</c>, run as it is: how and where its continuation runs (a driver's
/// scheduler, a synchronization context) is what it was before names were readable (a hand-written continuation with
/// <c>ConfigureAwait(false)</c> made the kit's step-clock runs hang now and then); this object only adds one call in
/// front of it.</remarks>
internal sealed class NamedChild<RT, A>(Aff<RT, A> child, string name)
    where RT : struct, HasCancel<RT>
{
    readonly Aff<RT, A> named = child.MapFail(e => new NamedError(name, e));

    public string Name => name;

    /// <summary>The name <paramref name="effect"/> was given, if it was made by <c>Named</c>; otherwise null.</summary>
    public static string? NameOf(Aff<RT, A> effect) => Of(effect)?.Name;

    /// <summary>The child without its name.</summary>
    public Aff<RT, A> Child => child;

    /// <summary>The named child behind <paramref name="effect"/>, if it is one (see <see cref="Engine.ChildStart{RT, A}.NameOf"/>).</summary>
    public static NamedChild<RT, A>? Of(Aff<RT, A> effect) =>
        Engine.AffThunk<RT, A>.Available ? Engine.AffThunk<RT, A>.Of(ref effect)?.Target as NamedChild<RT, A> : null;

    /// <summary><paramref name="effect"/> mapped by <paramref name="f"/>, keeping the name where the engine reads it
    /// (mapping the named effect itself would hide it).</summary>
    public static Aff<RT, B> Map<B>(Aff<RT, A> effect, Func<A, B> f) =>
        Of(effect) is { } named ? new NamedChild<RT, B>(named.Child.Map(f), named.Name).ToAff() : effect.Map(f);

    public Aff<RT, A> ToAff() => Aff<RT, A>.EffectMaybe(Run);

    ValueTask<Fin<A>> Run(RT runtime) => named.Run(runtime);
}
