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
        using (var json = new Utf8JsonWriter(buffer, writerOptions))
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
            using var document = JsonDocument.Parse(json, readerOptions);
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

    // G14: groups may nest deeper than the stack, and each level is four levels of JSON (group, members, member, groups):
    // written without recursion, from a stack of steps, with no depth limit of the writer's.
    static readonly JsonWriterOptions writerOptions = new() { MaxDepth = int.MaxValue };

    static readonly JsonDocumentOptions readerOptions = new() { MaxDepth = int.MaxValue };

    static void WriteGroups(Utf8JsonWriter json, string name, Seq<GroupNode> roots)
    {
        var steps = new Stack<Action>();
        PushGroups(name, roots);
        while (steps.Count > 0) steps.Pop()();

        // Steps are pushed in reverse: the first to write is on top.
        void PushGroups(string arrayName, Seq<GroupNode> groups)
        {
            steps.Push(json.WriteEndArray);
            foreach (var group in groups.Rev()) steps.Push(() => WriteGroup(group));
            steps.Push(() => json.WriteStartArray(arrayName));
        }

        void WriteGroup(GroupNode group)
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
            steps.Push(json.WriteEndObject);
            PushGroups("groups", group.Groups);
            PushChildren(group.Members);
        }

        void PushChildren(Seq<ChildNode> children)
        {
            steps.Push(json.WriteEndArray);
            foreach (var child in children.Rev()) steps.Push(() => WriteChild(child));
            steps.Push(() => json.WriteStartArray("members"));
        }

        void WriteChild(ChildNode child)
        {
            json.WriteStartObject();
            json.WriteNumber("index", child.Index);
            if (child.Name is { } childName) json.WriteString("name", childName); else json.WriteNull("name");
            json.WriteString("state", child.State.ToString());
            WriteMilliseconds(json, "ageMs", child.Age);
            steps.Push(json.WriteEndObject);
            PushGroups("groups", child.Groups);
        }
    }

    static void WriteMilliseconds(Utf8JsonWriter json, string name, TimeSpan? span)
    {
        if (span is { } value) json.WriteNumber(name, value.Ticks / (double)TimeSpan.TicksPerMillisecond);
        else json.WriteNull(name);
    }

    // G14: read without recursion too, bottom-up: a node is made once the nodes under it are (post-order), from two
    // stacks of made nodes. A group's members are read before its own groups, each member taking its groups off the
    // top of the stack as it is made.
    static Seq<GroupNode> ReadGroups(JsonElement array)
    {
        var work = new Stack<(JsonElement Element, bool IsGroup, bool Expanded)>();
        var groups = new Stack<GroupNode>();
        var children = new Stack<ChildNode>();
        var roots = array.GetArrayLength();
        PushAll(array, isGroup: true);
        while (work.Count > 0)
        {
            var (element, isGroup, expanded) = work.Pop();
            if (!expanded)
            {
                work.Push((element, isGroup, true));
                PushAll(element.GetProperty("groups"), isGroup: true);
                if (isGroup) PushAll(element.GetProperty("members"), isGroup: false);
                continue;
            }
            var below = PopGroups(element.GetProperty("groups").GetArrayLength());
            if (!isGroup)
            {
                children.Push(new ChildNode(
                    element.GetProperty("index").GetInt32(),
                    Optional(element, "name")?.GetString(),
                    ReadState<ChildState>(element),
                    ReadMilliseconds(element, "ageMs"),
                    below));
                continue;
            }
            var memberCount = element.GetProperty("members").GetArrayLength();
            var members = new ChildNode[memberCount];
            for (var i = memberCount - 1; i >= 0; i--) members[i] = children.Pop();
            groups.Push(new GroupNode(
                element.GetProperty("id").GetInt64(),
                element.GetProperty("policy").GetString() ?? throw new FormatException("A group with a null policy."),
                element.GetProperty("children").GetInt32(),
                element.GetProperty("running").GetInt32(),
                element.GetProperty("done").GetInt32(),
                Optional(element, "limit")?.GetInt32(),
                ReadMilliseconds(element, "timeoutMs"),
                ReadMilliseconds(element, "ageMs") ?? throw new FormatException("A group with no age."),
                ReadState<GroupState>(element),
                toSeq(members),
                below));
        }
        return PopGroups(roots);

        // Pushed in reverse, so they are read (and made) in order.
        void PushAll(JsonElement elements, bool isGroup)
        {
            var all = elements.EnumerateArray().ToArray();
            for (var i = all.Length - 1; i >= 0; i--) work.Push((all[i], isGroup, false));
        }

        Seq<GroupNode> PopGroups(int count)
        {
            var made = new GroupNode[count];
            for (var i = count - 1; i >= 0; i--) made[i] = groups.Pop();
            return toSeq(made);
        }
    }

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
