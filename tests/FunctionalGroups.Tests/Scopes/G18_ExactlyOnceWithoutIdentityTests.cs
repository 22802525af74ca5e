using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G18: exactly-once reporting never depends on error instance identity. LanguageExt code shares static
/// <see cref="Error"/> values; a member that passes on the failure Join handed it is reported once (as the joined
/// child's), but every other member failing with the same shared instance is a failure of its own.
/// </summary>
public class G18_ExactlyOnceWithoutIdentityTests
{
    static readonly Error NotFound = Error.New(404, "not found");

    const int Rounds = 20;

    /// <summary>Ignores its token: fails with <paramref name="error"/> once <paramref name="gate"/> opens.</summary>
    static Aff<GroupRuntime, int> FailsWithAt(Task gate, Error error) =>
        Aff<GroupRuntime, int>.EffectMaybe(async _ =>
        {
            await gate.ConfigureAwait(false);
            return Fin<int>.Fail(error);
        });

    /// <summary>Opens <paramref name="gate"/> (a step of a member, after its spawns were accepted).</summary>
    static Aff<GroupRuntime, Unit> Open(TaskCompletionSource gate) =>
        Aff<GroupRuntime, Unit>.EffectMaybe(_ =>
        {
            gate.SetResult();
            return ValueTask.FromResult(Fin<Unit>.Succ(Prelude.unit));
        });

    /// <summary>Joins <paramref name="handle"/> and ends with what Join gave (the very Fin), noting it first.</summary>
    static Aff<GroupRuntime, int> PassesOn(ChildHandle<GroupRuntime, int> handle, Action<Fin<int>> joined) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            var fin = await handle.Join.Run(rt).ConfigureAwait(false);
            joined(fin);
            return fin;
        });

    [Fact]
    public async Task G18_a_sibling_failing_with_the_shared_error_the_body_caught_from_join_is_reported_too()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var go = Kids.Gate();
            var released = Kids.Gate();
            Error? caught = null;
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(FailsWithAt(go.Task, NotFound))
                from second in s.Spawn(FailsWithAt(released.Task, NotFound))
                from started in Open(go)
                from recovered in first.Join.Match(Succ: v => v, Fail: e =>
                {
                    caught = e;
                    return -1;
                })
                from _ in Open(released)
                select recovered);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(NotFound, caught);
            Assert.Equal(2, error.Errors.Count);
            Assert.All(error.Errors, e => Assert.Same(NotFound, e));
            Assert.Equal(3, error.Total);
        }
    }

    [Fact]
    public async Task G18_a_child_that_never_joined_failing_with_the_shared_error_the_body_passed_on_is_reported_too()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var go = Kids.Gate();
            var released = Kids.Gate();
            Fin<int> bodyGot = default;
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(FailsWithAt(go.Task, NotFound))
                from second in s.Spawn(FailsWithAt(released.Task, NotFound))
                from started in Open(go)
                from value in PassesOn(first, fin =>
                {
                    bodyGot = fin;
                    released.SetResult();
                })
                select value);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(NotFound, bodyGot.Error());
            // The first child's and the second child's; the body passed the first one's on: not again.
            Assert.Equal(2, error.Errors.Count);
            Assert.All(error.Errors, e => Assert.Same(NotFound, e));
        }
    }

    public static TheoryData<string> SameOrEqual => new() { "same", "equal" };

    [Theory]
    [MemberData(nameof(SameOrEqual))]
    public async Task G18_a_body_that_never_joined_failing_with_the_shared_error_a_child_passed_on_is_reported_too(string which)
    {
        for (var round = 0; round < Rounds; round++)
        {
            var bodyFails = which == "same" ? NotFound : Error.New(404, "not found");
            var go = Kids.Gate();
            var released = Kids.Gate();
            Fin<int> childGot = default;
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(FailsWithAt(go.Task, NotFound))
                from joiner in s.Spawn(PassesOn(first, fin =>
                {
                    childGot = fin;
                    released.SetResult();
                }))
                from started in Open(go)
                from value in FailsWithAt(released.Task, bodyFails)
                select value);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(NotFound, childGot.Error());
            // The first child's, then the body's own; the joining child passed the first one's on: not again.
            Assert.Equal(2, error.Errors.Count);
            Assert.Same(NotFound, error.Errors[0]);
            Assert.Same(bodyFails, error.Errors[1]);
            Assert.Equal(3, error.Total);
        }
    }

    [Fact]
    public async Task G18_two_children_failing_with_the_same_shared_error_on_their_own_are_both_reported()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var released = Kids.Gate();
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(FailsWithAt(released.Task, NotFound))
                from second in s.Spawn(FailsWithAt(released.Task, NotFound))
                from _ in Open(released)
                select 0);

            var error = (await scope.RunAsync()).Group();
            Assert.Equal(2, error.Errors.Count);
            Assert.All(error.Errors, e => Assert.Same(NotFound, e));
        }
    }

    [Fact]
    public async Task G18_the_body_propagating_the_joined_shared_error_is_reported_once_as_the_child_s()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(Kids.FailsWith(NotFound))
                from x in first.Join
                select x);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(NotFound, Assert.Single(error.Errors));
            Assert.Equal(2, error.Total);
        }
    }

    [Fact]
    public async Task G18_the_body_propagating_a_joined_named_child_s_shared_error_is_reported_once_with_the_name()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(Kids.FailsWith(NotFound), "lookup")
                from x in first.Join
                select x);

            var error = (await scope.RunAsync()).Group();
            var named = Assert.IsType<NamedError>(Assert.Single(error.Errors));
            Assert.Equal("lookup", named.Name);
            Assert.Same(NotFound, named.Error);
        }
    }

    [Fact]
    public async Task G18_a_child_propagating_a_sibling_s_joined_shared_error_is_reported_once_as_the_sibling_s()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var go = Kids.Gate();
            Fin<int> childGot = default;
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(FailsWithAt(go.Task, NotFound))
                from joiner in s.Spawn(PassesOn(first, fin => childGot = fin))
                from started in Open(go)
                select 0);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(NotFound, childGot.Error());
            Assert.Same(NotFound, Assert.Single(error.Errors));
            Assert.Equal(3, error.Total);
        }
    }

    [Fact]
    public async Task G18_a_member_that_ends_with_the_instance_join_handed_it_after_recovering_passes_it_on_once()
    {
        // By design: a member that was handed a failure by Join and ends with that very instance passes it on.
        for (var round = 0; round < Rounds; round++)
        {
            var scope = Group.Scope<int>(s =>
                from first in s.Spawn(Kids.FailsWith(NotFound))
                from recovered in first.Join.Match(Succ: v => v, Fail: _ => -1)
                from x in Aff<GroupRuntime, int>.Fail(NotFound)
                select x + recovered);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(NotFound, Assert.Single(error.Errors));
        }
    }
}
