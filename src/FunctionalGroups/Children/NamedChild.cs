using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A child named with <see cref="NamedExtensions.Named{RT, A}(Aff{RT, A}, string)"/>: its failure becomes a
/// <see cref="NamedError"/> (what <c>MapFail</c> did), and its effect's function is bound to this object, so a group that
/// reports values with their child's name (<c>Group.AsCompleted</c>) can read the name back (<see cref="NameOf"/>).
/// </summary>
internal sealed class NamedChild<RT, A>(string name, Aff<RT, A> child)
    where RT : struct, HasCancel<RT>
{
    public string Name => name;

    public Aff<RT, A> ToAff() => Aff<RT, A>.EffectMaybe(Run);

    async ValueTask<Fin<A>> Run(RT runtime)
    {
        var outcome = await child.Run(runtime).ConfigureAwait(false);
        return outcome.IsFail ? Fin<A>.Fail(new NamedError(name, (LanguageExt.Common.Error)outcome)) : outcome;
    }

    /// <summary>The name <paramref name="effect"/> was given, if it was made by <c>Named</c>; otherwise null.</summary>
    public static string? NameOf(Aff<RT, A> effect) =>
        Engine.AffThunk<RT, A>.Available && Engine.AffThunk<RT, A>.Of(ref effect)?.Target is NamedChild<RT, A> named ? named.Name : null;
}
