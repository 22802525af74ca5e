using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>Naming children: the name travels with the child's failure and shows in the rendered tree.</summary>
public static class NamedExtensions
{
    /// <summary>
    /// Names a child, like <c>tg.create_task(..., name="accounts")</c>: its failure becomes a
    /// <see cref="NamedError"/> around the child's own error, which every matcher still sees through.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    /// <example><code>Child.FromTask(FetchAccounts).Named("accounts")</code></example>
    public static Aff<RT, A> Named<RT, A>(this Aff<RT, A> child, string name) where RT : struct, HasCancel<RT>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return NamedChild<RT, A>.Create(child, name);
    }

    /// <inheritdoc cref="Named{RT, A}(Aff{RT, A}, string)"/>
    public static Aff<A> Named<A>(this Aff<A> child, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Aff<A>.EffectMaybe(async () => NameFailure(await child.Run().ConfigureAwait(false), name));
    }

    /// <inheritdoc cref="Named{RT, A}(Aff{RT, A}, string)"/>
    public static Eff<RT, A> Named<RT, A>(this Eff<RT, A> child, string name) where RT : struct
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Eff<RT, A>.EffectMaybe(rt => NameFailure(child.Run(rt), name));
    }

    /// <inheritdoc cref="Named{RT, A}(Aff{RT, A}, string)"/>
    public static Eff<A> Named<A>(this Eff<A> child, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Eff<A>.EffectMaybe(() => NameFailure(child.Run(), name));
    }

    // Not LanguageExt's MapFail: on an effect of object it turns the failure into a value.
    static Fin<A> NameFailure<A>(Fin<A> outcome, string name) =>
        outcome.IsFail ? Fin<A>.Fail(new NamedError(name, (Error)outcome)) : outcome;
}
