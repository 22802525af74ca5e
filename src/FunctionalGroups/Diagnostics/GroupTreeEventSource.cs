using System.Diagnostics.Tracing;

namespace FunctionalGroups.Diagnostics;

/// <summary>
/// The <c>FunctionalGroups</c> EventSource: publishes <see cref="GroupTree.Capture"/> to an out-of-process reader
/// (the <c>fgroups</c> tool, <c>dotnet-trace</c>, PerfView) as JSON (<see cref="GroupTreeSnapshot.ToJson"/>).
/// </summary>
/// <remarks>
/// <para><b>Protocol.</b> A session that enables this source with the keyword <see cref="Keywords.Tree"/> (0x1), at
/// any level, gets one snapshot right away: the enable callback captures the tree and writes it as
/// <see cref="TreeChunk"/> events, <c>Chunks</c> of them numbered from 0, each at most <see cref="ChunkChars"/>
/// characters of the JSON (EventPipe drops an event whose payload passes 64 KB). Concatenated in order they are the
/// snapshot. A custom command (a positive <see cref="EventCommand"/>, as ETW's controllers and
/// <see cref="EventSource.SendCommand"/> send) while enabled sends another. The
/// reader stops its session after the chunk numbered <c>Chunks - 1</c> of the snapshot it is reading. A capture
/// that throws is reported as one <see cref="TreeFailed"/> event instead.</para>
/// <para><b>Cost.</b> Nothing when no session listens: there is no timer and no work beyond the EventSource itself.
/// Callbacks run on the session's thread; <see cref="GroupTree.Capture"/> is safe from any thread.</para>
/// <para><b>Creation.</b> A reader sees the source only once it exists in the process: the engine creates it when
/// the first group runs (<see cref="EnsureCreated"/>).</para>
/// </remarks>
[EventSource(Name = SourceName)]
internal sealed class GroupTreeEventSource : EventSource
{
    /// <summary>The provider name a session enables.</summary>
    internal const string SourceName = "FunctionalGroups";

    /// <summary>The longest JSON fragment one <see cref="TreeChunk"/> carries: 16,000 UTF-16 characters, 32 KB.</summary>
    internal const int ChunkChars = 16_000;

    /// <summary>The event id of <see cref="TreeChunk"/>.</summary>
    internal const int TreeChunkId = 1;

    /// <summary>The event id of <see cref="TreeFailed"/>.</summary>
    internal const int TreeFailedId = 2;

    /// <summary>The one instance in the process.</summary>
    internal static readonly GroupTreeEventSource Log = new();

    // Written by every publishing thread (Interlocked), read by none other: the last snapshot's number.
    int snapshots;

    /// <summary>What a snapshot is: <see cref="GroupTree.Capture"/> as JSON. Tests replace it (a capture that throws);
    /// written before a session is enabled, read on the session's thread.</summary>
    internal Func<string> Snapshot { [NonEvent] get; [NonEvent] set; } = static () => GroupTree.Capture().ToJson();

    GroupTreeEventSource() { }

    /// <summary>Makes sure <see cref="Log"/> exists, so a reader can enable it. Cheap after the first call: a static read.</summary>
    [NonEvent]
    internal static void EnsureCreated() => GC.KeepAlive(Log);

    /// <summary>The keywords of this source.</summary>
    public static class Keywords
    {
        /// <summary>Publish the tree of running groups when enabled (and on each command while enabled).</summary>
        public const EventKeywords Tree = (EventKeywords)0x1;
    }

    /// <summary>One part of one snapshot's JSON.</summary>
    /// <param name="snapshotId">Numbers the snapshots this process sent, from 1.</param>
    /// <param name="chunk">This part's place, from 0.</param>
    /// <param name="chunks">How many parts the snapshot has (at least 1).</param>
    /// <param name="json">The part: at most <see cref="ChunkChars"/> characters.</param>
    [Event(TreeChunkId, Level = EventLevel.Informational, Keywords = Keywords.Tree, Message = "Group tree {0}: part {1} of {2}")]
    internal void TreeChunk(int snapshotId, int chunk, int chunks, string json) =>
        WriteEvent(TreeChunkId, new EventSourcePrimitive[] { snapshotId, chunk, chunks, json });

    /// <summary>A snapshot that could not be taken: the reader stops waiting and reports <paramref name="error"/>.</summary>
    /// <param name="snapshotId">The number the snapshot would have had.</param>
    /// <param name="error">The exception's type and message.</param>
    [Event(TreeFailedId, Level = EventLevel.Error, Keywords = Keywords.Tree, Message = "Group tree {0} could not be captured: {1}")]
    internal void TreeFailed(int snapshotId, string error) => WriteEvent(TreeFailedId, snapshotId, error);

    /// <summary>Enable with <see cref="Keywords.Tree"/>, or a custom command while so enabled: publish one snapshot
    /// (or, if it cannot be taken, <see cref="TreeFailed"/>: nothing is thrown on the session's thread).</summary>
    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        if ((command.Command != EventCommand.Enable && command.Command <= 0) || !IsEnabled(EventLevel.Critical, Keywords.Tree)) return;
        string json;
        try
        {
            json = Snapshot();
        }
        catch (Exception e)
        {
            TreeFailed(Interlocked.Increment(ref snapshots), $"{e.GetType().Name}: {e.Message}");
            return;
        }
        Publish(json);
    }

    /// <summary>Writes <paramref name="json"/> as <see cref="TreeChunk"/> events of one new snapshot.</summary>
    /// <remarks>[NonEvent]: an EventSource takes every other void method for an event.</remarks>
    [NonEvent]
    internal void Publish(string json)
    {
        var id = Interlocked.Increment(ref snapshots);
        var chunks = Math.Max(1, (json.Length + ChunkChars - 1) / ChunkChars);
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var start = chunk * ChunkChars;
            TreeChunk(id, chunk, chunks, json.Substring(start, Math.Min(ChunkChars, json.Length - start)));
        }
    }
}
