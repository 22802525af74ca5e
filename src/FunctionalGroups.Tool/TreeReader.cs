using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace FunctionalGroups.Tool;

/// <summary>
/// Asks a process for its tree of running groups over EventPipe: enables the <c>FunctionalGroups</c> EventSource with
/// the keyword <c>Tree</c> (0x1), whose enable callback answers with the snapshot's JSON in <c>TreeChunk</c> events,
/// reassembles them, and stops the session.
/// </summary>
internal static class TreeReader
{
    /// <summary>The EventSource's name (FunctionalGroups.Diagnostics.GroupTreeEventSource).</summary>
    public const string Provider = "FunctionalGroups";

    /// <summary>The keyword that asks for the tree.</summary>
    public const long TreeKeyword = 0x1;

    /// <summary>The event that carries one part of the JSON.</summary>
    public const string ChunkEvent = "TreeChunk";

    /// <summary>The event that says the snapshot could not be taken (its second field: why).</summary>
    public const string FailedEvent = "TreeFailed";

    /// <summary>The snapshot's JSON, as the process wrote it.</summary>
    /// <param name="processId">The process to ask.</param>
    /// <param name="timeout">How long to wait for the whole snapshot once the session is open.</param>
    /// <param name="cancellation">Stops waiting (the session is stopped all the same).</param>
    /// <exception cref="ToolException">No such process; not a .NET process (no diagnostics port); no answer in
    /// <paramref name="timeout"/> (FunctionalGroups not loaded, or no group has run yet).</exception>
    public static async Task<string> ReadJsonAsync(int processId, TimeSpan timeout, CancellationToken cancellation)
    {
        EnsureExists(processId);
        var session = await StartAsync(processId, cancellation).ConfigureAwait(false);
        try
        {
            var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var reading = Task.Run(() => Read(processId, session, answer), CancellationToken.None);
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                wait.CancelAfter(timeout);
                try
                {
                    await answer.Task.WaitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw new ToolException(FormattableString.Invariant(
                        $"process {processId} sent no group tree within {timeout.TotalSeconds:0.#} s: it does not use FunctionalGroups, or has not run a group yet"));
                }
            }
            await StopAsync(session).ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            return await answer.Task.ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(session).ConfigureAwait(false);
            session.Dispose();
        }
    }

    static void EnsureExists(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            throw new ToolException($"no process with id {processId}");
        }
    }

    static async Task<EventPipeSession> StartAsync(int processId, CancellationToken cancellation)
    {
        var provider = new EventPipeProvider(Provider, EventLevel.Informational, TreeKeyword);
        try
        {
            return await new DiagnosticsClient(processId)
                .StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, cancellation)
                .ConfigureAwait(false);
        }
        catch (ServerNotAvailableException e)
        {
            throw new ToolException($"process {processId} is not a .NET process, or its diagnostics are off (DOTNET_EnableDiagnostics=0)", e);
        }
        catch (Exception e) when (e is DiagnosticsClientException or UnauthorizedAccessException or IOException or TimeoutException)
        {
            throw new ToolException($"process {processId} refused a diagnostics session: {e.Message}", e);
        }
    }

    // On the reading thread: parses the stream until the session stops, hands the first whole snapshot to answer.
    static void Read(int processId, EventPipeSession session, TaskCompletionSource<string> answer)
    {
        var parts = new ChunkAssembler();
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += e =>
            {
                if (e.ProviderName != Provider || answer.Task.IsCompleted) return;
                if (e.EventName == FailedEvent)
                    answer.TrySetException(new ToolException($"process {processId} could not capture its tree: {e.PayloadValue(1)}"));
                else if (e.EventName == ChunkEvent
                    && parts.Add((int)e.PayloadValue(0), (int)e.PayloadValue(1), (int)e.PayloadValue(2), (string)e.PayloadValue(3)) is { } json)
                    answer.TrySetResult(json);
            };
            source.Process();
            // The stream ended with no whole snapshot: the process exited, or the session was stopped (then the
            // caller has stopped waiting, and this is not seen).
            answer.TrySetException(new ToolException($"process {processId} ended the session before it sent its tree (did it exit?)"));
        }
        catch (Exception e) when (!answer.Task.IsCompleted)
        {
            answer.TrySetException(e as ToolException ?? new ToolException($"could not read the process's events: {e.Message}", e));
        }
    }

    static async Task StopAsync(EventPipeSession session)
    {
        try
        {
            await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ServerNotAvailableException or DiagnosticsClientException or IOException or ObjectDisposedException)
        {
            // The process ended or the session is already stopped: nothing left to stop.
        }
    }
}
