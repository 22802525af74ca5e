using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="f"/> over every item in parallel, like <c>Group.All(items.Map(f))</c> but streaming: a
    /// child is made only when it starts, so with <see cref="GroupOptions.MaxParallelism"/> = 16 a million items keep
    /// only 16 children alive (the values aside), and the first failure stops the feed. The rules of
    /// <see cref="All{RT, A}(Seq{Aff{RT, A}})"/> hold: values in item order, every failure reported, join-all.
    /// </summary>
    /// <example><code>Group.Traverse(urls, url => Child.FromTask(ct => Fetch(url, ct)), GroupOptions.Default with { MaxParallelism = 16 })</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, Aff<RT, A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(options);
        var snapshot = items.ToArray();
        // G8: nothing runs here; each run makes its own engine, and its own children as they start.
        return Aff<RT, Seq<A>>.EffectMaybe(rt => new Engine.TraverseRun<RT, T, A>(snapshot, f, options).Start(rt));
    }

    /// <inheritdoc cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, Aff<RT, A>> f)
        where RT : struct, HasCancel<RT> =>
        Traverse(items, f, GroupOptions.Default);
}
