namespace FunctionalGroups.Tool;

/// <summary>
/// Puts a snapshot back together from its <c>TreeChunk</c> events (FunctionalGroups' EventSource): the parts of the
/// first snapshot seen, in order. Parts of another snapshot (a second session's) are ignored; a repeated part is kept
/// once.
/// </summary>
/// <remarks>Called from the event reader's thread only.</remarks>
internal sealed class ChunkAssembler
{
    int? snapshotId;
    string?[] parts = [];
    int received;

    /// <summary>Adds one part; gives the whole JSON once the last missing part arrives, else null.</summary>
    /// <exception cref="ToolException">A part whose numbers do not fit (a different writer).</exception>
    public string? Add(int snapshot, int chunk, int chunks, string json)
    {
        if (chunks < 1 || chunk < 0 || chunk >= chunks)
            throw new ToolException($"a malformed tree part: {chunk} of {chunks}");
        if (snapshotId is null)
        {
            snapshotId = snapshot;
            parts = new string?[chunks];
        }
        else if (snapshotId != snapshot || received == parts.Length) return null;
        if (chunks != parts.Length)
            throw new ToolException($"tree parts disagree on their count: {chunks} and {parts.Length}");
        if (parts[chunk] is not null) return null;
        parts[chunk] = json;
        return ++received == parts.Length ? string.Concat(parts) : null;
    }
}
