using LanguageExt;

namespace FunctionalGroups;

public static partial class Child
{
    /// <summary>
    /// A child of the shipped runtime that runs the runtime-free synchronous <paramref name="effect"/> on the thread
    /// pool; see <see cref="FromEff{RT, A}(Eff{RT, A})"/>.
    /// </summary>
    public static Aff<GroupRuntime, A> FromEff<A>(Eff<A> effect) =>
        FromEff<GroupRuntime, A>(effect);
}
