namespace FunctionalGroups.Engine;

/// <summary>Reading a failed task's exception without losing any of it.</summary>
internal static class TaskOutcome
{
    /// <summary>
    /// The exception a faulted or cancelled task ended with. A fault with several exceptions (a task that awaited
    /// <c>Task.WhenAll</c>, say) keeps them all in its <see cref="AggregateException"/>, where <c>await</c> would
    /// surface only the first: a group reports every failure (G3).
    /// </summary>
    public static Exception ExceptionOf(Task ended)
    {
        if (ended.Exception is { } aggregate)
            return aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate;
        try
        {
            // Cancelled: the OperationCanceledException exists only when the task is awaited.
            ended.GetAwaiter().GetResult();
            return new InvalidOperationException("A task that did not succeed completed without an exception.");
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
