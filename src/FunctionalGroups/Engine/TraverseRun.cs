using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// <c>Group.Traverse</c>: <c>All</c> over <c>items.Map(f)</c>, but each child is made only when it starts. Under a
/// parallelism limit only that many children exist at once (their values aside), and a failure stops the feed:
/// no further item is turned into a child (G2).
/// </summary>
internal sealed class TraverseRun<RT, T, A> : AllRun<RT, A>
    where RT : struct, HasCancel<RT>
{
    readonly T[] items;
    readonly Func<T, Aff<RT, A>> f;

    public TraverseRun(T[] items, Func<T, Aff<RT, A>> f, GroupOptions options)
        : base(items.Length, options, failFast: true)
    {
        this.items = items;
        this.f = f;
    }

    internal override string Policy => "Traverse";

    // f is the caller's code: if it throws, the child fails with it (the group reports it, as any child's failure).
    protected override Aff<RT, A> ChildAt(int index)
    {
        try
        {
            return f(items[index]);
        }
        catch (Exception e)
        {
            return Aff<RT, A>.Fail(LanguageExt.Common.Error.New(e));
        }
    }
}
