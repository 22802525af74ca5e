using System.Diagnostics;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// <c>Group.Traverse</c> over a task function, <c>(item, token) =&gt; Task&lt;A&gt;</c>: the lifted fan-out with no value
/// per child. The drainer calls the function with the item and the group's token as the child starts and observes the
/// task it returns; nothing else is made per item (no closure, no child value, no effect). The rules are
/// <see cref="AllRun{RT, A}"/>'s: values in item order, every failure reported, join-all, fail fast (G2: once
/// cancelled, no further item is started).
/// </summary>
internal sealed class TaskTraverseRun<RT, T, A> : AllRun<RT, A>
    where RT : struct, HasCancel<RT>
{
    readonly T[] items;
    readonly Func<T, CancellationToken, Task<A>> start;

    public TaskTraverseRun(T[] items, Func<T, CancellationToken, Task<A>> start, GroupOptions options)
        : base(items.Length, options, failFast: true)
    {
        this.items = items;
        this.start = start;
    }

    internal override string Policy => "Traverse";

    // The caller's function throwing, or returning no task, is that child's failure (as a child's would be).
    protected override void RunChild(int index)
    {
        ValueTask<A> running;
        try
        {
            running = new(start(items[index], Token) ?? throw new InvalidOperationException(
                $"The task function gave null for item {index} instead of a task."));
        }
        catch (Exception e)
        {
            ChildThrew(index, e);
            return;
        }
        ObserveTask(index, running);
    }

    // Never asked for: RunChild above starts each item's task itself, with no child value.
    protected override Aff<RT, A> ChildAt(int index) => throw new UnreachableException();
}
