using System.Text;
using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Diagnostics;

public sealed partial record GroupTreeSnapshot
{
    /// <summary>The <c>format</c> number <see cref="ToJson"/> writes; <see cref="FromJson"/> reads this one.</summary>
    public const int JsonFormat = 1;

    /// <summary>
    /// The snapshot as JSON (written by hand with <see cref="Utf8JsonWriter"/>: no reflection, trimming- and AOT-safe).
    /// Property names are camelCase; <c>takenAt</c> is ISO 8601; every duration (<c>ageMs</c>, <c>timeoutMs</c>) is
    /// milliseconds as a number, with a fraction down to the tick (100 ns), <c>null</c> when unknown or none; states
    /// are their names (<c>"Running"</c>). A consumer ignores properties it does not know.
    /// </summary>
    /// <example>
    /// <code>
    /// {"format":1,"processId":4242,"takenAt":"2026-11-27T03:10:00+00:00","roots":[
    ///   {"id":1,"policy":"All","children":3,"running":2,"done":0,"limit":2,"timeoutMs":null,"ageMs":2000,
    ///    "state":"Running","members":[{"index":0,"name":"slow-1","state":"Running","ageMs":2000,"groups":[]}],
    ///    "groups":[]}]}
    /// </code>
    /// </example>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("format", JsonFormat);
            json.WriteNumber("processId", ProcessId);
            json.WriteString("takenAt", TakenAt);
            WriteGroups(json, "roots", Roots);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <param name="json">A snapshot in the format of <see cref="ToJson"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">Not JSON, not a snapshot, or a <c>format</c> other than <see cref="JsonFormat"/>.</exception>
    /// <example>
    /// <code>
    /// var snapshot = GroupTreeSnapshot.FromJson(File.ReadAllText("tree.json"));
    /// </code>
    /// </example>
    public static GroupTreeSnapshot FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var format = root.GetProperty("format").GetInt32();
            if (format != JsonFormat)
                throw new FormatException($"A group tree snapshot in format {format}; this version reads format {JsonFormat}.");
            return new(root.GetProperty("processId").GetInt32(), root.GetProperty("takenAt").GetDateTimeOffset(), ReadGroups(root.GetProperty("roots")));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new FormatException($"Not a group tree snapshot: {e.Message}", e);
        }
    }

    static void WriteGroups(Utf8JsonWriter json, string name, Seq<GroupNode> groups)
    {
        json.WriteStartArray(name);
        foreach (var group in groups)
        {
            json.WriteStartObject();
            json.WriteNumber("id", group.Id);
            json.WriteString("policy", group.Policy);
            json.WriteNumber("children", group.Children);
            json.WriteNumber("running", group.Running);
            json.WriteNumber("done", group.Done);
            if (group.Limit is { } limit) json.WriteNumber("limit", limit); else json.WriteNull("limit");
            WriteMilliseconds(json, "timeoutMs", group.Timeout);
            WriteMilliseconds(json, "ageMs", group.Age);
            json.WriteString("state", group.State.ToString());
            WriteChildren(json, group.Members);
            WriteGroups(json, "groups", group.Groups);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    static void WriteChildren(Utf8JsonWriter json, Seq<ChildNode> children)
    {
        json.WriteStartArray("members");
        foreach (var child in children)
        {
            json.WriteStartObject();
            json.WriteNumber("index", child.Index);
            if (child.Name is { } name) json.WriteString("name", name); else json.WriteNull("name");
            json.WriteString("state", child.State.ToString());
            WriteMilliseconds(json, "ageMs", child.Age);
            WriteGroups(json, "groups", child.Groups);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    static void WriteMilliseconds(Utf8JsonWriter json, string name, TimeSpan? span)
    {
        if (span is { } value) json.WriteNumber(name, value.Ticks / (double)TimeSpan.TicksPerMillisecond);
        else json.WriteNull(name);
    }

    static Seq<GroupNode> ReadGroups(JsonElement array) =>
        toSeq(array.EnumerateArray().Select(group => new GroupNode(
            group.GetProperty("id").GetInt64(),
            group.GetProperty("policy").GetString() ?? throw new FormatException("A group with a null policy."),
            group.GetProperty("children").GetInt32(),
            group.GetProperty("running").GetInt32(),
            group.GetProperty("done").GetInt32(),
            Optional(group, "limit")?.GetInt32(),
            ReadMilliseconds(group, "timeoutMs"),
            ReadMilliseconds(group, "ageMs") ?? throw new FormatException("A group with no age."),
            ReadState<GroupState>(group),
            ReadChildren(group.GetProperty("members")),
            ReadGroups(group.GetProperty("groups")))).ToArray());

    static Seq<ChildNode> ReadChildren(JsonElement array) =>
        toSeq(array.EnumerateArray().Select(child => new ChildNode(
            child.GetProperty("index").GetInt32(),
            Optional(child, "name")?.GetString(),
            ReadState<ChildState>(child),
            ReadMilliseconds(child, "ageMs"),
            ReadGroups(child.GetProperty("groups")))).ToArray());

    static JsonElement? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    static TimeSpan? ReadMilliseconds(JsonElement element, string name) =>
        Optional(element, name) is { } value
            ? TimeSpan.FromTicks(checked((long)Math.Round(value.GetDouble() * TimeSpan.TicksPerMillisecond)))
            : null;

    static TState ReadState<TState>(JsonElement element) where TState : struct, Enum =>
        Enum.TryParse<TState>(element.GetProperty("state").GetString(), ignoreCase: false, out var state) && Enum.IsDefined(state)
            ? state
            : throw new FormatException($"Not a {typeof(TState).Name}: {element.GetProperty("state")}.");
}
