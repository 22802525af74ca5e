using System.Collections.Concurrent;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G15: children start in argument order under any parallelism limit (a child that ends during the first wave never
/// lets a later child start before an earlier one); after a failure no child starts whose earlier sibling was skipped.
/// </summary>
public class G15_StartOrderTests
{
    /// <summary>Null: no limit.</summary>
    public static TheoryData<int?> Limits => new() { null, 1, 2, 3, 7 };

    static GroupOptions WithLimit(int? limit) => GroupOptions.Default with { MaxParallelism = limit };

    /// <summary>Logs its start and ends synchronously with <paramref name="i"/> (no await at all).</summary>
    static Aff<GroupRuntime, int> EndsAtOnce(int i, ConcurrentQueue<int> log) =>
        Aff<GroupRuntime, int>.EffectMaybe(_ =>
        {
            log.Enqueue(i);
            return new ValueTask<Fin<int>>(Fin<int>.Succ(i));
        });

    /// <summary>Logs its start and fails synchronously.</summary>
    static Aff<GroupRuntime, int> FailsAtOnce(int i, ConcurrentQueue<int> log, Error error) =>
        Aff<GroupRuntime, int>.EffectMaybe(_ =>
        {
            log.Enqueue(i);
            return new ValueTask<Fin<int>>(Fin<int>.Fail(error));
        });

    /// <summary>Logs its start and ends synchronously, as a task.</summary>
    static Aff<GroupRuntime, int> TaskEndsAtOnce(int i, ConcurrentQueue<int> log) =>
        Child.FromTask(ct =>
        {
            log.Enqueue(i);
            return Task.FromResult(i);
        });

    /// <summary>Logs its start, then ends on the thread pool.</summary>
    static Aff<GroupRuntime, int> EndsLater(int i, ConcurrentQueue<int> log) =>
        Child.FromTask(async ct =>
        {
            log.Enqueue(i);
            await PoolYield.Yield();
            return i;
        });

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G15_children_that_end_synchronously_start_in_argument_order_under_any_limit(int? limit)
    {
        var log = new ConcurrentQueue<int>();
        var children = Enumerable.Range(0, 5).Select(i => EndsAtOnce(i, log)).ToSeq();
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, (await Group.All(children, WithLimit(limit)).RunAsync()).Value());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, log.ToArray());
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G15_task_children_that_end_synchronously_start_in_argument_order_under_any_limit(int? limit)
    {
        var log = new ConcurrentQueue<int>();
        var children = Enumerable.Range(0, 5).Select(i => TaskEndsAtOnce(i, log)).ToSeq();
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, (await Group.All(children, WithLimit(limit)).RunAsync()).Value());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, log.ToArray());
    }

    [Fact]
    public async Task G15_with_limit_two_a_child_that_ends_in_the_first_wave_never_lets_a_later_child_start_first()
    {
        // The regression: 0 ends while 1 is not yet started; the freed slot must go to 1, not 2 (was 0,2,3,4,1).
        for (var round = 0; round < 100; round++)
        {
            var log = new ConcurrentQueue<int>();
            var children = Enumerable.Range(0, 5).Select(i => EndsAtOnce(i, log)).ToSeq();
            await Group.All(children, WithLimit(2)).RunAsync();
            Assert.Equal(new[] { 0, 1, 2, 3, 4 }, log.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G15_after_a_synchronous_failure_no_later_child_starts(int? limit)
    {
        var log = new ConcurrentQueue<int>();
        var boom = Error.New("boom");
        var children = Enumerable.Range(0, 5).Select(i => i == 1 ? FailsAtOnce(i, log, boom) : EndsAtOnce(i, log)).ToSeq();
        var fin = await Group.All(children, WithLimit(limit)).RunAsync();
        Assert.Same(boom, Assert.Single(fin.Group().Errors));
        Assert.Equal(new[] { 0, 1 }, log.ToArray());
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G15_a_mix_of_synchronous_and_asynchronous_children_starts_in_ascending_order(int? limit)
    {
        var random = new Random(15 + (limit ?? 0));
        for (var round = 0; round < 50; round++)
        {
            var log = new ConcurrentQueue<int>();
            var count = random.Next(1, 20);
            var kinds = Enumerable.Range(0, count).Select(_ => random.Next(3)).ToArray();
            var children = Enumerable.Range(0, count).Select(i => kinds[i] switch
            {
                0 => EndsAtOnce(i, log),
                1 => TaskEndsAtOnce(i, log),
                _ => EndsLater(i, log),
            }).ToSeq();
            var values = (await Group.All(children, WithLimit(limit)).RunAsync()).Value();
            Assert.Equal(Enumerable.Range(0, count), values);
            Assert.Equal(Enumerable.Range(0, count), log.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G15_Traverse_calls_the_item_function_and_starts_children_in_item_order(int? limit)
    {
        var random = new Random(150 + (limit ?? 0));
        for (var round = 0; round < 50; round++)
        {
            var calls = new ConcurrentQueue<int>();
            var starts = new ConcurrentQueue<int>();
            var count = random.Next(1, 20);
            var kinds = Enumerable.Range(0, count).Select(_ => random.Next(3)).ToArray();
            Aff<GroupRuntime, int> Make(int i)
            {
                calls.Enqueue(i);
                return kinds[i] switch
                {
                    0 => EndsAtOnce(i, starts),
                    1 => TaskEndsAtOnce(i, starts),
                    _ => EndsLater(i, starts),
                };
            }
            var values = (await Group.Traverse(Enumerable.Range(0, count), Make, WithLimit(limit)).RunAsync()).Value();
            Assert.Equal(Enumerable.Range(0, count), values);
            Assert.Equal(Enumerable.Range(0, count), calls.ToArray());
            Assert.Equal(Enumerable.Range(0, count), starts.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G15_Traverse_with_synchronous_children_starts_in_item_order(int? limit)
    {
        var calls = new ConcurrentQueue<int>();
        var starts = new ConcurrentQueue<int>();
        Aff<GroupRuntime, int> Make(int i)
        {
            calls.Enqueue(i);
            return EndsAtOnce(i, starts);
        }
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, (await Group.Traverse(Enumerable.Range(0, 5), Make, WithLimit(limit)).RunAsync()).Value());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, calls.ToArray());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, starts.ToArray());
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task G15_Traverse_after_a_synchronous_failure_never_calls_the_function_for_later_items(int? limit)
    {
        var calls = new ConcurrentQueue<int>();
        var starts = new ConcurrentQueue<int>();
        var boom = Error.New("boom");
        Aff<GroupRuntime, int> Make(int i)
        {
            calls.Enqueue(i);
            return i == 1 ? FailsAtOnce(i, starts, boom) : EndsAtOnce(i, starts);
        }
        var fin = await Group.Traverse(Enumerable.Range(0, 5), Make, WithLimit(limit)).RunAsync();
        Assert.Same(boom, Assert.Single(fin.Group().Errors));
        Assert.Equal(new[] { 0, 1 }, calls.ToArray());
        Assert.Equal(new[] { 0, 1 }, starts.ToArray());
    }

    [Fact]
    public void G15_a_limit_is_a_positive_number_and_no_limit_is_null()
    {
        Assert.Null(GroupOptions.Default.MaxParallelism);
        Assert.Null((GroupOptions.Default with { MaxParallelism = null }).MaxParallelism);
        Assert.Equal(1, (GroupOptions.Default with { MaxParallelism = 1 }).MaxParallelism);
        Assert.Throws<ArgumentOutOfRangeException>("MaxParallelism", () => GroupOptions.Default with { MaxParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>("MaxParallelism", () => GroupOptions.Default with { MaxParallelism = -1 });
        Assert.Throws<ArgumentOutOfRangeException>("MaxParallelism", () => GroupOptions.Default with { MaxParallelism = int.MinValue });
    }
}
