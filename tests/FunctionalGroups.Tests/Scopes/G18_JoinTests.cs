using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G18: Join of a child that failed gives that failure, the very instance, never the cancellation of the shutdown the
/// failure caused (the scope cancels its members when the child fails: it was a race).
/// </summary>
public class G18_JoinTests
{
    const int Rounds = 200;

    /// <summary>Joins <paramref name="handle"/> with the member's own (cancellable) runtime and ends with what it gave.</summary>
    static Aff<GroupRuntime, int> Joins(ChildHandle<GroupRuntime, int> handle, Action<Fin<int>> joined) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            var fin = await handle.Join.Run(rt).ConfigureAwait(false);
            joined(fin);
            return fin;
        });

    [Fact]
    public async Task G18_join_of_a_child_that_throws_gives_its_very_exception_never_a_cancellation()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var boom = new InvalidOperationException($"boom {round}");
            Fin<int> joined = default;
            var scope = Group.Scope<int>(s =>
                from h in s.Spawn(Kids.Fails(boom))
                from x in Joins(h, fin => joined = fin)
                select x);

            var error = (await scope.RunAsync()).Group();
            Assert.False(joined.Error().Is<OperationCanceledException>(), $"round {round}: {joined}");
            Assert.Same(boom, joined.Error().ToException());
            Assert.Same(boom, Assert.Single(error.Errors).ToException());
        }
    }

    [Fact]
    public async Task G18_join_of_a_child_that_fails_with_an_error_value_gives_that_very_error()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var boom = Error.New(7, $"boom {round}");
            Fin<int> joined = default;
            var scope = Group.Scope<int>(s =>
                from h in s.Spawn(Kids.FailsWith(boom))
                from x in Joins(h, fin => joined = fin)
                select x);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(boom, joined.Error());
            Assert.Same(boom, Assert.Single(error.Errors));
        }
    }

    [Fact]
    public async Task G18_join_of_a_named_child_gives_the_NamedError_around_its_very_failure()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var boom = new TimeoutException($"boom {round}");
            Fin<int> joined = default;
            var scope = Group.Scope<int>(s =>
                from h in s.Spawn(Kids.Fails(boom), "fetch")
                from x in Joins(h, fin => joined = fin)
                select x);

            var error = (await scope.RunAsync()).Group();
            var named = Assert.IsType<NamedError>(joined.Error());
            Assert.Equal("fetch", named.Name);
            Assert.Same(boom, named.Error.ToException());
            Assert.Same(joined.Error(), Assert.Single(error.Errors));
        }
    }

    [Fact]
    public async Task G18_join_by_a_sibling_of_a_child_that_fails_gives_its_very_failure()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var boom = Error.New(8, $"boom {round}");
            var go = Kids.Gate();
            Fin<int> joined = default;
            var scope = Group.Scope<int>(s =>
                from h in s.Spawn(Aff<GroupRuntime, int>.EffectMaybe(async _ =>
                {
                    await go.Task.ConfigureAwait(false);
                    return Fin<int>.Fail(boom);
                }))
                from joiner in s.Spawn(Joins(h, fin => joined = fin))
                from x in Body(_ =>
                {
                    go.SetResult();
                    return Task.FromResult(0);
                })
                select x);

            var error = (await scope.RunAsync()).Group();
            Assert.Same(boom, joined.Error());
            Assert.Same(boom, Assert.Single(error.Errors));
        }
    }

    [Fact]
    public async Task G18_join_of_a_child_cancelled_by_the_scope_s_shutdown_gives_a_cancellation()
    {
        for (var round = 0; round < 50; round++)
        {
            var boom = new InvalidOperationException("the sibling");
            var hangingStarted = Kids.Gate();
            Fin<int> joined = default;
            ChildHandle<GroupRuntime, int>? hanging = null;
            var scope = Group.Scope<int>(s => Body(async ct =>
            {
                hanging = s.SpawnOrThrow(Body(async childToken =>
                {
                    hangingStarted.SetResult();
                    return await HangUntilCancelled<int>(childToken).ConfigureAwait(false);
                }));
                // A joiner that does not stop waiting at the shutdown: it sees how the hanging child ended.
                s.SpawnOrThrow(Aff<GroupRuntime, int>.EffectMaybe(async _ =>
                {
                    joined = await hanging.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false);
                    return Fin<int>.Succ(0);
                }));
                await hangingStarted.Task.ConfigureAwait(false);
                s.SpawnOrThrow(Kids.Fails(boom));
                return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
            }));

            var error = (await scope.RunAsync()).Group();
            Assert.Same(boom, Assert.Single(error.Errors).ToException());
            Assert.True(joined.Error().Is<OperationCanceledException>() || joined.Error().Is(Errors.Cancelled), $"round {round}: {joined}");
            Assert.True(hanging!.Outcome().Error().Is<OperationCanceledException>());
        }
    }
}
