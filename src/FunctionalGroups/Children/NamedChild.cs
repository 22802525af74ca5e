using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A named child (<see cref="NamedExtensions.Named{RT, A}(Aff{RT, A}, string)"/>): as an <c>Aff</c> it runs the child and
/// puts its name around a failure, as <c>MapFail</c> would; inside a group the engine also reads the name as the child
/// starts (the effect's function is bound to this object), for the child's span, the live tree and who-cancelled-whom.
/// </summary>
internal sealed class NamedChild<RT, A>
    where RT : struct, HasCancel<RT>
{
    // The child with its name around its failure; a mapped child maps this (Map below), so the name is put on once.
    readonly Aff<RT, A> named;

    NamedChild(string name, Aff<RT, A> named)
    {
        Name = name;
        this.named = named;
    }

    public string Name { get; }

    /// <summary><paramref name="child"/> named <paramref name="name"/>.</summary>
    public static Aff<RT, A> Create(Aff<RT, A> child, string name) =>
        new NamedChild<RT, A>(name, Aff<RT, A>.EffectMaybe(rt => NameFailure(child.Run(rt), name))).ToAff();

    // The child's outcome with the name around a failure: at once when it ended synchronously, else when it ends. Not
    // LanguageExt's MapFail, which on an Aff of object turns the failure into a value.
    static ValueTask<Fin<A>> NameFailure(ValueTask<Fin<A>> running, string name) =>
        running.IsCompletedSuccessfully ? new(Named(running.Result, name)) : NameFailureLater(running, name);

    static async ValueTask<Fin<A>> NameFailureLater(ValueTask<Fin<A>> running, string name) =>
        Named(await running.ConfigureAwait(false), name);

    static Fin<A> Named(Fin<A> outcome, string name) =>
        outcome.IsFail ? Fin<A>.Fail(new NamedError(name, (LanguageExt.Common.Error)outcome)) : outcome;

    /// <summary>The name <paramref name="effect"/> was given, if it was made by <c>Named</c>; otherwise null.</summary>
    public static string? NameOf(Aff<RT, A> effect) => Of(effect)?.Name;

    /// <summary>The named child behind <paramref name="effect"/>, if it is one (see <see cref="Engine.ChildStart{RT, A}.NameOf"/>).</summary>
    public static NamedChild<RT, A>? Of(Aff<RT, A> effect) =>
        Engine.AffThunk<RT, A>.Available ? Engine.AffThunk<RT, A>.Of(ref effect)?.Target as NamedChild<RT, A> : null;

    /// <summary><paramref name="effect"/> mapped by <paramref name="f"/>, keeping the name where the engine reads it
    /// (mapping the named effect itself would hide it).</summary>
    public static Aff<RT, B> Map<B>(Aff<RT, A> effect, Func<A, B> f) =>
        Of(effect) is { } child ? new NamedChild<RT, B>(child.Name, child.named.Map(f)).ToAff() : effect.Map(f);

    public Aff<RT, A> ToAff() => Aff<RT, A>.EffectMaybe(Run);

    ValueTask<Fin<A>> Run(RT runtime) => named.Run(runtime);
}
