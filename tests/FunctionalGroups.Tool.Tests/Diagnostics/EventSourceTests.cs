using System.Diagnostics.Tracing;
using FunctionalGroups.Tool;

namespace FunctionalGroups.Tool.Tests.Diagnostics;

/// <summary>The FunctionalGroups EventSource, in process: enabling it with the keyword Tree publishes the snapshot in
/// chunks that reassemble.</summary>
public sealed class EventSourceTests
{
    sealed class ChunkListener : EventListener
    {
        readonly List<(int Snapshot, int Chunk, int Chunks, string Json)> chunks = [];

        public IReadOnlyList<(int Snapshot, int Chunk, int Chunks, string Json)> Chunks { get { lock (chunks) return [.. chunks]; } }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "FunctionalGroups") EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName != "TreeChunk" || e.Payload is not [int snapshot, int chunk, int chunks, string json]) return;
            lock (this.chunks) this.chunks.Add((snapshot, chunk, chunks, json));
        }
    }

    [Fact]
    public void The_source_is_well_formed()
    {
        // Strict: an EventSource takes every void method not marked [NonEvent] for an event; a bad one disables it.
        var manifest = EventSource.GenerateManifest(typeof(GroupTreeEventSource), "FunctionalGroups.dll", EventManifestOptions.Strict);
        Assert.Contains("name=\"FunctionalGroups\"", manifest, StringComparison.Ordinal);
        Assert.Contains("TreeChunk", manifest, StringComparison.Ordinal);
        Assert.Contains("TreeFailed", manifest, StringComparison.Ordinal);
        Assert.Null(GroupTreeEventSource.Log.ConstructionException);
        Assert.Equal("FunctionalGroups", GroupTreeEventSource.Log.Name);
    }

    [Fact]
    public void Enabling_the_source_publishes_this_process_snapshot()
    {
        GroupTreeEventSource.EnsureCreated();
        using var listener = new ChunkListener();

        var parts = new ChunkAssembler();
        var json = listener.Chunks.Select(c => parts.Add(c.Snapshot, c.Chunk, c.Chunks, c.Json)).ToList().LastOrDefault(j => j is not null);

        Assert.NotNull(json);
        Assert.Equal(Environment.ProcessId, GroupTreeSnapshot.FromJson(json).ProcessId);
    }

    [Fact]
    public void A_long_snapshot_is_cut_into_chunks_that_reassemble()
    {
        GroupTreeEventSource.EnsureCreated();
        using var listener = new ChunkListener();
        var json = string.Concat(Enumerable.Repeat("0123456789", 4_000)) + "end";

        GroupTreeEventSource.Log.Publish(json);

        var snapshot = listener.Chunks.GroupBy(c => c.Snapshot).Single(s => s.First().Chunks > 1);
        Assert.Equal([(0, 3, 16_000), (1, 3, 16_000), (2, 3, 8_003)], snapshot.Select(c => (c.Chunk, c.Chunks, c.Json.Length)));
        Assert.All(snapshot, c => Assert.True(c.Json.Length <= GroupTreeEventSource.ChunkChars));
        var parts = new ChunkAssembler();
        Assert.Equal(json, snapshot.Select(c => parts.Add(c.Snapshot, c.Chunk, c.Chunks, c.Json)).ToList()[^1]); // every part added: Last() would select the last only
    }
}
