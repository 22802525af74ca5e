using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// Fluent forms for C#: <c>children.ParAll()</c> reads as <c>Group.All(children)</c>, and so on. They take any
/// sequence of effects (a <c>Seq</c>, a list, a LINQ query), so F# callers, who use the module functions, meet no
/// extra overload.
/// </summary>
public static class GroupExtensions
{
    /// <summary><see cref="Group.All{RT, A}(IEnumerable{Aff{RT, A}})"/>: fail fast, join all, every failure.</summary>
    public static Aff<RT, Seq<A>> ParAll<RT, A>(this IEnumerable<Aff<RT, A>> children, GroupOptions? options = null)
        where RT : struct, HasCancel<RT> =>
        Group.All(children, options ?? GroupOptions.Default);

    /// <summary><see cref="Group.Settle{RT, A}(IEnumerable{Aff{RT, A}})"/>: every outcome, no fail-fast.</summary>
    public static Aff<RT, Seq<Fin<A>>> ParSettle<RT, A>(this IEnumerable<Aff<RT, A>> children, GroupOptions? options = null)
        where RT : struct, HasCancel<RT> =>
        Group.Settle(children, options ?? GroupOptions.Default);

    /// <summary><see cref="Group.Validate{RT, A}(IEnumerable{Aff{RT, A}})"/>: every value or every failure.</summary>
    public static Aff<RT, Seq<A>> ParValidate<RT, A>(this IEnumerable<Aff<RT, A>> children, GroupOptions? options = null)
        where RT : struct, HasCancel<RT> =>
        Group.Validate(children, options ?? GroupOptions.Default);

    /// <summary><see cref="Group.Race{RT, A}(IEnumerable{Aff{RT, A}})"/>: the first success wins.</summary>
    public static Aff<RT, A> ParRace<RT, A>(this IEnumerable<Aff<RT, A>> children, GroupOptions? options = null)
        where RT : struct, HasCancel<RT> =>
        Group.Race(children, options ?? GroupOptions.Default);
}
