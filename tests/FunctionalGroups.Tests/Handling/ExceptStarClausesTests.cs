using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests.Handling;

/// <summary>
/// G11 with several clauses: <c>Handle(clauses => …)</c> follows Python's rules for the <c>except*</c> clauses of one
/// <c>try</c>. Each fact mirrors a case of except_star_reference.py (its output is quoted above the fact), with
/// TimeoutError ↔ TimeoutException, ConnectionError ↔ HttpRequestException, ValueError ↔ ArgumentException,
/// RuntimeError ↔ InvalidOperationException.
/// </summary>
public class ExceptStarClausesTests
{
    static Error Leaf(Exception e) => Error.New(e);

    static GroupError Original() => new(Seq<Error>(
        Leaf(new TimeoutException("t")), Leaf(new HttpRequestException("c")), Leaf(new ArgumentException("v"))), 3);

    static Aff<GroupRuntime, int> Failing(GroupError group) => FailAff<GroupRuntime, int>(group);

    /// <summary>The outcome as the Python script prints it.</summary>
    static string Show(Fin<int> outcome) => outcome.Match(Succ: v => $"value {v}", Fail: Show);

    static string Show(Error e) => e switch
    {
        GroupError g => "Group(" + string.Join(", ", g.Errors.Map(Show)) + ")",
        _ => e.ToException() is var x ? $"{x.GetType().Name}({x.Message})" : e.Message,
    };

    // case1: ran ['timeouts', 'connection errors: 1', 'values'] -> ConnectionError(raised in the timeout clause)
    [Fact]
    public async Task An_error_raised_in_a_clause_is_never_matched_by_a_later_clause()
    {
        var log = new List<string>();
        var handled = Failing(Original()).Handle(clauses => clauses
            .On(On.Exception<TimeoutException>(), _ =>
            {
                log.Add("timeouts");
                return Raise(new HttpRequestException("raised in the timeout clause"));
            })
            .On(On.Exception<HttpRequestException>(), eg =>
            {
                log.Add($"connection errors: {eg.Leaves.Count}");
                return 2;
            })
            .On(On.Exception<ArgumentException>(), _ =>
            {
                log.Add("values");
                return 3;
            }));

        var outcome = await handled.RunAsync();

        Assert.Equal(["timeouts", "connection errors: 1", "values"], log);
        // Python raises the lone error bare; a group stays a group here (G4).
        Assert.Equal("Group(HttpRequestException(raised in the timeout clause))", Show(outcome));
    }

    // The same clauses chained with Catching: the second Catching handles the outcome of the first, so it also takes
    // the error the first handler raised. This is the difference Handle removes.
    [Fact]
    public async Task Chained_Catching_lets_a_later_handler_take_what_an_earlier_one_raised()
    {
        var log = new List<string>();
        var chained = Failing(Original())
            .Catching(On.Exception<TimeoutException>(), _ => Raise(new HttpRequestException("raised in the timeout clause")))
            .Catching(On.Exception<HttpRequestException>(), eg =>
            {
                log.Add($"connection errors: {eg.Leaves.Count}");
                return 2;
            });

        await chained.RunAsync();

        Assert.Equal(["connection errors: 2"], log);
    }

    // case2: ran ['timeouts', 'connection errors'] -> Group('': RuntimeError(handler failed), Group('g': ValueError(v)))
    [Fact]
    public async Task Raised_errors_come_first_then_the_failures_left_in_the_original_shape()
    {
        var log = new List<string>();
        var handled = Failing(Original()).Handle(clauses => clauses
            .On(On.Exception<TimeoutException>(), _ =>
            {
                log.Add("timeouts");
                return 1;
            })
            .On(On.Exception<HttpRequestException>(), _ =>
            {
                log.Add("connection errors");
                return FailAff<GroupRuntime, int>(Leaf(new InvalidOperationException("handler failed")));
            }));

        var outcome = await handled.RunAsync();

        Assert.Equal(["timeouts", "connection errors"], log);
        Assert.Equal("Group(InvalidOperationException(handler failed), Group(ArgumentException(v)))", Show(outcome));
    }

    // case3: ran ['observed timeouts: 2', 'connection errors'] -> Group('g': TimeoutError(t), Group('inner': TimeoutError(t2)))
    [Fact]
    public async Task An_observing_clause_re_raises_its_part_in_its_place_in_the_original_group()
    {
        var log = new List<string>();
        var nested = new GroupError(Seq<Error>(
            Leaf(new TimeoutException("t")),
            new GroupError(Seq<Error>(Leaf(new HttpRequestException("c")), Leaf(new TimeoutException("t2"))), 2)), 2);
        var handled = Failing(nested).Handle(clauses => clauses
            .Observe(On.Exception<TimeoutException>(), eg => log.Add($"observed timeouts: {eg.Leaves.Count}"))
            .On(On.Exception<HttpRequestException>(), _ =>
            {
                log.Add("connection errors");
                return 0;
            }));

        var outcome = await handled.RunAsync();

        Assert.Equal(["observed timeouts: 2", "connection errors"], log);
        Assert.Equal("Group(TimeoutException(t), Group(TimeoutException(t2)))", Show(outcome));
    }

    // case4: ran ['timeouts and connection errors', 'values'] -> no error
    [Fact]
    public async Task When_every_failure_is_handled_the_last_handler_that_ran_gives_the_value()
    {
        var log = new List<string>();
        var handled = Failing(Original()).Handle(clauses => clauses
            .On(On.Exception<TimeoutException>().Or(On.Exception<HttpRequestException>()), _ =>
            {
                log.Add("timeouts and connection errors");
                return 1;
            })
            .On(On.Exception<ArgumentException>(), _ =>
            {
                log.Add("values");
                return 2;
            }));

        var outcome = await handled.RunAsync();

        Assert.Equal(["timeouts and connection errors", "values"], log);
        Assert.Equal("value 2", Show(outcome));
    }

    // case5: ran ['values'] -> Group('g': ValueError(v))
    [Fact]
    public async Task A_clause_that_matches_nothing_does_not_run()
    {
        var log = new List<string>();
        var handled = Failing(new GroupError(Seq1<Error>(Leaf(new ArgumentException("v"))), 1)).Handle(clauses => clauses
            .On(On.Exception<TimeoutException>(), _ =>
            {
                log.Add("timeouts");
                return 1;
            })
            .Observe(On.Exception<ArgumentException>(), _ => log.Add("values")));

        var outcome = await handled.RunAsync();

        Assert.Equal(["values"], log);
        Assert.Equal("Group(ArgumentException(v))", Show(outcome));
    }

    [Fact]
    public async Task Success_and_failures_that_are_not_groups_pass_untouched()
    {
        var ran = 0;
        Func<ExceptClauses<GroupRuntime, int>, ExceptClauses<GroupRuntime, int>> clauses =
            c => c.On(On.Where(_ => true), _ => ++ran);

        Assert.Equal("value 7", Show(await SuccessAff<GroupRuntime, int>(7).Handle(clauses).RunAsync()));
        Assert.Equal(Errors.Cancelled, (Error)await FailAff<GroupRuntime, int>(Errors.Cancelled).Handle(clauses).RunAsync());
        Assert.Equal(0, ran);
    }

    [Fact]
    public void Handle_with_no_clause_is_refused_when_built()
    {
        Assert.Throws<ArgumentException>(() => Failing(Original()).Handle(c => c));
    }

    [Fact]
    public async Task A_runtime_free_effect_takes_the_same_clauses()
    {
        var log = new List<string>();
        var handled = FailAff<int>(Original()).Handle(clauses => clauses
            .On(On.Exception<TimeoutException>(), _ => Raise(new HttpRequestException("raised")))
            .On(On.Exception<HttpRequestException>(), eg =>
            {
                log.Add($"connection errors: {eg.Leaves.Count}");
                return 2;
            }));

        var outcome = await handled.RunAsync();

        Assert.Equal(["connection errors: 1"], log);
        Assert.Equal("Group(HttpRequestException(raised), Group(ArgumentException(v)))", Show(outcome));
    }

    static int Raise(Exception e) => throw e;
}
