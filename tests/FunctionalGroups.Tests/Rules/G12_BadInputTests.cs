using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G12_BadInputTests
{
    [Fact]
    public void G12_null_arguments_are_refused_when_the_group_is_built()
    {
        Assert.Throws<ArgumentNullException>("children", () => Group.All((IEnumerable<Aff<GroupRuntime, int>>)null!));
        Assert.Throws<ArgumentNullException>("children", () => Group.All((Aff<GroupRuntime, int>[])null!));
        Assert.Throws<ArgumentNullException>("children", () => Group.All((IEnumerable<Eff<GroupRuntime, int>>)null!));
        Assert.Throws<ArgumentNullException>("children", () => Group.All((IEnumerable<Aff<int>>)null!));
        Assert.Throws<ArgumentNullException>("children", () => Group.All((IEnumerable<Eff<int>>)null!));
        Assert.Throws<ArgumentNullException>("options", () => Group.All(Seq.create(Kids.Ok(1)), null!));
        Assert.Throws<ArgumentNullException>("start", () => Child.FromTask<int>(null!));
        Assert.ThrowsAny<ArgumentException>(() => Kids.Ok(1).Named(" "));
        Assert.ThrowsAny<ArgumentException>(() => Kids.Ok(1).Named(null!));
        Assert.Throws<ArgumentNullException>("filter", () => Kids.Ok(1).Catching(null!, _ => 0));
        Assert.Throws<ArgumentNullException>("source", () => GroupRuntime.New(null!));
        Assert.Throws<ArgumentException>("errors", () => new GroupError(Seq<Error>.Empty, 0));
        Assert.Throws<ArgumentOutOfRangeException>("total", () => new GroupError(Seq.create(Error.New("x"), Error.New("y")), 1));
    }

    [Fact]
    public async Task G12_a_default_effect_fails_its_child_only()
    {
        var probe = new Probe();
        var fin = await Group.All(Kids.Hangs(probe), default(Aff<GroupRuntime, int>), Kids.Ok(3, probe)).RunAsync();
        var entry = Assert.Single(fin.Group().Errors);
        Assert.True(entry.Is(Errors.Bottom));
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G12_a_task_that_completes_with_null_is_a_failure_of_its_child()
    {
        var fin = await Group.All(Child.FromTask(_ => Task.FromResult<string>(null!)), Child.FromTask(_ => Task.FromResult("x"))).RunAsync();
        Assert.Single(fin.Group().Errors);
    }

    [Fact]
    public async Task G12_a_runtime_without_a_cancellation_source_is_a_clear_failure_not_a_crash()
    {
        var fin = await Group.All(Aff<BrokenRuntime, int>.Success(1)).Run(new BrokenRuntime());
        Assert.Contains("LocalCancel", fin.Error().Message);
    }

    readonly struct BrokenRuntime : LanguageExt.Effects.Traits.HasCancel<BrokenRuntime>
    {
        public BrokenRuntime LocalCancel => default;
        public CancellationToken CancellationToken => default;
        public CancellationTokenSource CancellationTokenSource => null!;
    }
}
