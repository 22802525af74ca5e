using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G18: a refused join says who joined whom, naming each member by its name and spawn index, and a cycle is given in
/// the order of its joins; a join that stopped waiting (its own token cancelled) no longer counts as a wait, so it
/// can close no false cycle later. Every step is ordered by a spawn's synchronous prefix or a gate.
/// </summary>
public class G18_JoinRefusalMessagesTests
{
    static TaskCompletionSource<ChildHandle<GroupRuntime, int>> HandleSlot() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits for a handle, joins it with the member's runtime and ends with what Join gave.</summary>
    static Aff<GroupRuntime, int> JoinsWhenKnown(TaskCompletionSource<ChildHandle<GroupRuntime, int>> slot, Action<Fin<int>> joined) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            var handle = await slot.Task.ConfigureAwait(false);
            var fin = await handle.Join.Run(rt).ConfigureAwait(false);
            joined(fin);
            return fin;
        });

    static string Refusal(Fin<int> joined) =>
        Assert.IsType<InvalidOperationException>(NamedError.Unnamed(joined.Error()).ToException()).Message;

    [Fact]
    public async Task G18_an_unnamed_child_joining_itself_is_named_by_its_spawn_index()
    {
        var self = HandleSlot();
        Fin<int> joined = default;
        var fin = await Group.Scope<int>(s => Body(async _ =>
        {
            self.SetResult(s.SpawnOrThrow(JoinsWhenKnown(self, f => joined = f)));
            await Task.CompletedTask;
            return 0;
        })).RunAsync();

        Assert.StartsWith("child #0 joined its own handle", Refusal(joined));
        Assert.Single(fin.Group().Errors);
    }

    [Fact]
    public async Task G18_a_named_child_joining_itself_is_named_by_its_name_and_spawn_index()
    {
        var self = HandleSlot();
        Fin<int> joined = default;
        var fin = await Group.Scope<int>(s => Body(async _ =>
        {
            s.SpawnOrThrow(Kids.Ok(0));
            self.SetResult(s.SpawnOrThrow(JoinsWhenKnown(self, f => joined = f), "me"));
            await Task.CompletedTask;
            return 0;
        })).RunAsync();

        Assert.StartsWith("child 'me' (#1) joined its own handle", Refusal(joined));
        Assert.Single(fin.Group().Errors);
    }

    [Fact]
    public async Task G18_a_cycle_is_refused_with_the_joins_in_their_order()
    {
        var handleOfB = HandleSlot();
        Fin<int> joined = default;
        var fin = await Group.Scope<int>(s => Body(async _ =>
        {
            var a = s.SpawnOrThrow(JoinsWhenKnown(handleOfB, f => joined = f), "A");
            // B's synchronous prefix starts its join of A before this spawn returns: B waits for A.
            var b = s.SpawnOrThrow(a.Join, "B");
            // Now A joins B, which closes the cycle B -> A.
            handleOfB.SetResult(b);
            await Task.CompletedTask;
            return 0;
        })).RunAsync();

        Assert.StartsWith(
            "child 'A' (#0) joined child 'B' (#1), which is waiting through joins for child 'A' (#0) (child 'B' (#1) -> child 'A' (#0)): ",
            Refusal(joined));
        Assert.Single(fin.Group().Errors);
    }

    [Fact]
    public async Task G18_a_join_that_stopped_waiting_on_its_own_cancel_closes_no_false_cycle_later()
    {
        var handleOfX = HandleSlot();
        var handleOfA = HandleSlot();
        var aStoppedWaiting = Kids.Gate();
        var xJoins = Kids.Gate();
        var releaseA = Kids.Gate();
        // A joins X under a token of its own, cancels it (the wait ends while X still runs), then waits for the gate.
        var a = Aff<GroupRuntime, int>.EffectMaybe(async _ =>
        {
            var x = await handleOfX.Task.ConfigureAwait(false);
            using var own = new CancellationTokenSource();
            var join = x.Join.Run(GroupRuntime.New(own));
            own.Cancel();
            var gaveUp = await join.ConfigureAwait(false);
            Assert.True(gaveUp.IsFail);
            aStoppedWaiting.SetResult();
            await releaseA.Task.ConfigureAwait(false);
            return Fin<int>.Succ(1);
        });
        // X then joins A: A no longer waits for X, so this is no cycle; X gets A's value.
        var x = Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            var handle = await handleOfA.Task.ConfigureAwait(false);
            xJoins.SetResult();
            return await handle.Join.Run(rt).ConfigureAwait(false);
        });

        var fin = await Group.Scope<int>(s => Body(async _ =>
        {
            var ha = s.SpawnOrThrow(a, "A");
            var hx = s.SpawnOrThrow(x, "X");
            handleOfX.SetResult(hx);
            await aStoppedWaiting.Task.ConfigureAwait(false);
            handleOfA.SetResult(ha);
            await xJoins.Task.ConfigureAwait(false);
            await PoolYield.Yield();
            releaseA.SetResult();
            await Ended(hx);
            return hx.Outcome().Value();
        })).RunAsync();

        Assert.Equal(1, fin.Value());
    }
}
