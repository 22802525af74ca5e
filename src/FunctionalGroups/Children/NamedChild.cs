using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A child named with <see cref="NamedExtensions.Named{RT, A}(Aff{RT, A}, string)"/>: its failure becomes a
/// <see cref="NamedError"/> (what <c>MapFail</c> did), and its effect's function is bound to this object, so a group that
/// reports values with their child's name (<c>Group.AsCompleted</c>) can read the name back (<see cref="NameOf"/>).
/// </summary>
/// <remarks>The work is LanguageExt's own <c>MapFail</c>, run as it is: how and where its continuation runs (a driver's
/// scheduler, a synchronization context) is exactly what it was before names were readable; this object only adds one
/// call in front of it.</remarks>
internal sealed class NamedChild<RT, A>(string name, Aff<RT, A> child)
    where RT : struct, HasCancel<RT>
{
    readonly Aff<RT, A> named = child.MapFail(e => new NamedError(name, e));

    public string Name => name;

    public Aff<RT, A> ToAff() => Aff<RT, A>.EffectMaybe(Run);

    ValueTask<Fin<A>> Run(RT runtime) => named.Run(runtime);

    /// <summary>The name <paramref name="effect"/> was given, if it was made by <c>Named</c>; otherwise null.</summary>
    public static string? NameOf(Aff<RT, A> effect) =>
        Engine.AffThunk<RT, A>.Available && Engine.AffThunk<RT, A>.Of(ref effect)?.Target is NamedChild<RT, A> named ? named.Name : null;
}
