using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// How the engine reads the function inside an <c>Aff</c> (LanguageExt's private field <c>thunk</c>), once per child:
/// <c>[UnsafeAccessor]</c> (what it used, an <c>extern</c> Coyote's rewriter cannot rewrite), <c>Unsafe.As</c> over
/// the one-field struct (what it uses now, <c>Engine/AffThunk.cs</c>) and a cached compiled getter. Each reads 1,024
/// effects; the same shapes as the engine's code, written here because the engine's reader is internal.
/// </summary>
public class ThunkRead
{
    readonly Aff<GroupRuntime, int>[] effects =
        Enumerable.Range(0, 1024).Select(static i => Aff<GroupRuntime, int>.EffectMaybe(_ => new ValueTask<Fin<int>>(i))).ToArray();

    [Benchmark(Baseline = true, Description = "[UnsafeAccessor]")]
    public int Accessor()
    {
        var found = 0;
        for (var i = 0; i < effects.Length; i++)
            if (ByAccessor<GroupRuntime, int>.Field(ref effects[i]) is not null) found++;
        return found;
    }

    [Benchmark(Description = "Unsafe.As (the engine)")]
    public int UnsafeAs()
    {
        var found = 0;
        for (var i = 0; i < effects.Length; i++)
            if (Unsafe.As<Aff<GroupRuntime, int>, Func<GroupRuntime, ValueTask<Fin<int>>>?>(ref effects[i]) is not null) found++;
        return found;
    }

    [Benchmark(Description = "cached compiled getter")]
    public int CompiledGetter()
    {
        var found = 0;
        for (var i = 0; i < effects.Length; i++)
            if (ByCompiledGetter.Read(effects[i]) is not null) found++;
        return found;
    }

    static class ByAccessor<RT, A>
        where RT : struct, HasCancel<RT>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "thunk")]
        public static extern ref Func<RT, ValueTask<Fin<A>>>? Field(ref Aff<RT, A> effect);
    }

    static class ByCompiledGetter
    {
        public static readonly Func<Aff<GroupRuntime, int>, Func<GroupRuntime, ValueTask<Fin<int>>>?> Read = Build();

        static Func<Aff<GroupRuntime, int>, Func<GroupRuntime, ValueTask<Fin<int>>>?> Build()
        {
            var effect = Expression.Parameter(typeof(Aff<GroupRuntime, int>));
            var field = typeof(Aff<GroupRuntime, int>).GetField("thunk", BindingFlags.Instance | BindingFlags.NonPublic)!;
            return Expression.Lambda<Func<Aff<GroupRuntime, int>, Func<GroupRuntime, ValueTask<Fin<int>>>?>>(
                Expression.Field(effect, field), effect).Compile();
        }
    }
}
