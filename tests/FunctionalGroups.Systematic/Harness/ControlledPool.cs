namespace FunctionalGroups.Systematic.Harness;

/// <summary>
/// The engine's hand-offs to the thread pool (a spawn scheduled for G17, a move to a fresh stack for G14) go through
/// its <c>Later</c> scheduler hook. The real thread pool is outside Coyote's control, so each scenario installs this
/// one: the work runs in a task that Coyote schedules like any other, at a point it chooses.
/// </summary>
static class ControlledPool
{
    /// <summary>Installs the controlled pool for the run started from the calling flow (an AsyncLocal: it reaches
    /// every member of that run and nothing else).</summary>
    public static void Install() =>
        FunctionalGroups.Engine.Later.Scheduler.Value = static (work, state) => _ = Task.Run(() => work(state));
}
