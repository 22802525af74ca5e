using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Engine;

/// <summary>A child's ended task or effect as its <see cref="Fin{A}"/> (no exception thrown to read it).</summary>
internal static class ChildOutcome
{
    /// <summary>A task that completes with null fails its child, as the same child does as an Aff (Fin holds no null).</summary>
    public static Fin<A> Of<A>(ValueTask<A> ended) =>
        !ended.IsCompletedSuccessfully ? Fin<A>.Fail(Error.New(TaskOutcome.ExceptionOf(ended.AsTask())))
        : ended.Result is { } value ? Fin<A>.Succ(value)
        : Fin<A>.Fail(Error.New(new ValueIsNullException("The child completed with null.")));

    public static Fin<A> Of<A>(ValueTask<Fin<A>> ended) =>
        ended.IsCompletedSuccessfully ? ended.Result : Fin<A>.Fail(Error.New(TaskOutcome.ExceptionOf(ended.AsTask())));
}
