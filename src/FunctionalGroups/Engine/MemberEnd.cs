using LanguageExt;

namespace FunctionalGroups.Engine;

/// <summary>A scope's body as the observer of its own outcome (its <see cref="ScopeRun{RT, R}"/>). A spawned child
/// observes its own start with no state machine (<c>ScopeRun.Spawned.RunPrefix</c>, issue 13).</summary>
internal interface IMemberEnd<T>
{
    /// <summary>Called once, when the member's effect has ended.</summary>
    void Ended(Fin<T> outcome);
}

/// <summary>How a scope observes its running body.</summary>
internal static class MemberEnd
{
    /// <summary>Calls <paramref name="member"/>'s <c>Ended</c> once <paramref name="running"/> has ended: inline when it
    /// has already, else from its continuation. <c>Aff.Run</c> catches the effect's exceptions; one that escapes anyway
    /// is the member's failure, never the group's.</summary>
    public static void Observe<T>(ValueTask<Fin<T>> running, IMemberEnd<T> member)
    {
        if (running.IsCompletedSuccessfully) member.Ended(running.Result);
        else _ = Await(running, member);
    }

    static async Task Await<T>(ValueTask<Fin<T>> running, IMemberEnd<T> member)
    {
        Fin<T> outcome;
        try
        {
            outcome = await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            outcome = Fin<T>.Fail(e);
        }
        member.Ended(outcome);
    }
}
