using System.Runtime.CompilerServices;

namespace FunctionalGroups.Tests.Support;

/// <summary>
/// Like <c>Task.Yield()</c>, but always continues on the thread pool: xunit runs async tests under a
/// synchronization context of its own, and 100,000 children yielding through it would measure xunit, not us.
/// </summary>
internal readonly struct PoolYield : ICriticalNotifyCompletion
{
    public static PoolYield Yield() => default;

    public PoolYield GetAwaiter() => this;

    public bool IsCompleted => false;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) =>
        ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: true);

    public void UnsafeOnCompleted(Action continuation) =>
        ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: true);
}
