namespace FunctionalGroups.Tool.Tests.Diagnostics;

/// <summary><see cref="GroupTreeSnapshot.ToJson"/> and <see cref="GroupTreeSnapshot.FromJson"/>.</summary>
public sealed class JsonTests
{
    public static TheoryData<string> Samples => new() { nameof(SampleTree.Crawler), nameof(SampleTree.Shutdown), nameof(SampleTree.Empty) };

    static GroupTreeSnapshot Sample(string name) => name switch
    {
        nameof(SampleTree.Crawler) => SampleTree.Crawler,
        nameof(SampleTree.Shutdown) => SampleTree.Shutdown,
        _ => SampleTree.Empty,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_snapshot_comes_back_equal(string sample)
    {
        var snapshot = Sample(sample);
        Assert.Equal(snapshot, GroupTreeSnapshot.FromJson(snapshot.ToJson()));
    }

    [Fact]
    public void Durations_keep_every_tick()
    {
        var odd = new GroupNode(1, "All", 1, 1, 0, null, TimeSpan.FromTicks(12_345_678_901), TimeSpan.FromTicks(1),
            GroupState.Running, Seq1(new ChildNode(0, null, ChildState.Running, TimeSpan.FromTicks(987_654_321_987), Seq<GroupNode>())), Seq<GroupNode>());
        var snapshot = new GroupTreeSnapshot(1, SampleTree.TakenAt.AddTicks(7), Seq1(odd));
        Assert.Equal(snapshot, GroupTreeSnapshot.FromJson(snapshot.ToJson()));
    }

    [Fact]
    public void Names_with_quotes_and_any_script_come_back()
    {
        var child = new ChildNode(0, "naïve \"quoted\" \\ page ✓ 页面", ChildState.Running, null, Seq<GroupNode>());
        var snapshot = SampleTree.Empty with
        {
            Roots = Seq1(new GroupNode(1, "All", 1, 1, 0, null, null, TimeSpan.Zero, GroupState.Running, Seq1(child), Seq<GroupNode>())),
        };
        Assert.Equal(snapshot, GroupTreeSnapshot.FromJson(snapshot.ToJson()));
    }

    [Fact]
    public void The_format_is_camel_case_with_milliseconds_and_state_names()
    {
        var json = SampleTree.Crawler.ToJson();
        Assert.StartsWith("""{"format":1,"processId":4242,"takenAt":"2026-11-27T03:10:00+00:00","roots":[{"id":1,"policy":"All","children":3,"running":2,"done":0,"limit":2,"timeoutMs":null,"ageMs":2500,"state":"Running","members":[{"index":0,"name":"slow-1","state":"Running","ageMs":2500,"groups":[""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_properties_are_ignored()
    {
        var json = """{"format":1,"processId":9,"takenAt":"2026-11-27T03:10:00+00:00","roots":[],"threads":42}""";
        Assert.Equal(new GroupTreeSnapshot(9, SampleTree.TakenAt, Seq<GroupNode>()), GroupTreeSnapshot.FromJson(json));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"format":1,"processId":9}""")]
    [InlineData("""{"format":2,"processId":9,"takenAt":"2026-11-27T03:10:00+00:00","roots":[]}""")]
    [InlineData("""{"format":1,"processId":9,"takenAt":"2026-11-27T03:10:00+00:00","roots":[{"id":1,"policy":"All","children":1,"running":1,"done":0,"limit":null,"timeoutMs":null,"ageMs":1,"state":"Sleeping","members":[],"groups":[]}]}""")]
    public void Anything_else_is_a_format_exception(string json)
    {
        Assert.Throws<FormatException>(() => GroupTreeSnapshot.FromJson(json));
    }
}
