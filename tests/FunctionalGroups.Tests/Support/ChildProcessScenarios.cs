using FSharpChild = FunctionalGroups.FSharp.Child;
using FSharpGroup = FunctionalGroups.FSharp.Group;

namespace FunctionalGroups.Tests.Support;

/// <summary>
/// Scenarios that once killed the test process, run by <see cref="InChildProcess"/> in a process of their own. Each
/// prints its outcome on one line (<see cref="Describe{A}(Fin{A})"/>); the test reads that line and the exit code.
/// </summary>
internal static class ChildProcessScenarios
{
    /// <summary>Error values whose exception converts back to an equal error (G18): the classifier must still end.</summary>
    public static readonly IReadOnlyDictionary<string, Error> SelfConvertingErrors = new Dictionary<string, Error>
    {
        ["bottom"] = Errors.Bottom,
        // Built without an exception object, as a deserialised one is.
        ["exceptional"] = new Exceptional("x", 42),
    };

    /// <summary>Every scenario by name: <c>kind:error</c> for each kind and each <see cref="SelfConvertingErrors"/> entry.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Task<string>>> All = Build();

    static Dictionary<string, Func<Task<string>>> Build()
    {
        var all = new Dictionary<string, Func<Task<string>>>
        {
            ["scope-default-aff-joined"] = ScopeJoinsADefaultAff,
            ["scope-body-nesting:ok"] = () => ScopeBodyNesting(ScopeBodyDepth, fail: false, count: false),
            ["scope-body-nesting:counted"] = () => ScopeBodyNesting(ScopeBodyDepth, fail: false, count: true),
            ["scope-body-nesting:fail"] = () => ScopeBodyNesting(ScopeBodyDepth, fail: true, count: false),
        };
        foreach (var (key, error) in SelfConvertingErrors)
        {
            all[$"all-after-sibling-failed:{key}"] = () => AllAfterSiblingFailed(error);
            all[$"all-after-outer-cancel:{key}"] = () => AllAfterOuterCancel(error);
            all[$"scope-body-after-cancel:{key}"] = () => ScopeBodyAfterCancel(error);
            all[$"fsharp-lone-child-after-cancel:{key}"] = () => FSharpLoneChildAfterCancel(error);
            all[$"fsharp-all-after-sibling-failed:{key}"] = () => FSharpAllAfterSiblingFailed(error);
        }
        return all;
    }

    /// <summary>How many scopes <c>scope-body-nesting</c> nests through their bodies (G14).</summary>
    public const int ScopeBodyDepth = 100_000;

    /// <summary>The innermost failure of <c>scope-body-nesting:fail</c>.</summary>
    static readonly Error Innermost = Error.New(14, "innermost");

    /// <summary>
    /// <paramref name="depth"/> scopes nested through their bodies (<c>Group.Scope(s => level(n - 1))</c>); level 0
    /// gives <paramref name="depth"/> (or 0, and each level adds one, with <paramref name="count"/>) or fails. Prints
    /// <c>Succ(v)</c>, or <c>GroupError depth=D innermost-same=B</c> from an iterative walk of the nested errors.
    /// </summary>
    static async Task<string> ScopeBodyNesting(int depth, bool fail, bool count)
    {
        Aff<GroupRuntime, int> Level(int n)
        {
            if (n == 0)
                return fail ? Aff<GroupRuntime, int>.Fail(Innermost) : Aff<GroupRuntime, int>.Success(count ? 0 : depth);
            var scope = Group.Scope<int>(_ => Level(n - 1));
            return count ? scope.Map(x => x + 1) : scope;
        }

        var fin = await Level(depth).RunAsync().ConfigureAwait(false);
        if (fin.IsSucc) return Describe(fin);
        Error error = (Error)fin;
        var levels = 0;
        while (error is GroupError group && group.Errors.Count == 1)
        {
            levels++;
            error = group.Errors[0];
        }
        return $"GroupError depth={levels} innermost-same={ReferenceEquals(error, Innermost)}";
    }

    /// <summary>A <c>default</c> effect (it fails with <c>Errors.Bottom</c>) spawned into a scope and joined by the body.</summary>
    static async Task<string> ScopeJoinsADefaultAff() =>
        Describe(await Group.Scope<int>(scope =>
            from handle in scope.Spawn(default(Aff<GroupRuntime, int>))
            from value in handle.Join
            select value).RunAsync().ConfigureAwait(false));

    /// <summary>A child ends with <paramref name="error"/> once a failing sibling has cancelled the group.</summary>
    static async Task<string> AllAfterSiblingFailed(Error error) =>
        // The waiting child first: it has started (and waits for the token) before its sibling can fail.
        Describe(await Group.All(EndsWithWhenCancelled(error), Kids.Fails(new TimeoutException("sibling"))).RunAsync().ConfigureAwait(false));

    /// <summary>A child ends with <paramref name="error"/> once the caller has cancelled the group.</summary>
    static async Task<string> AllAfterOuterCancel(Error error)
    {
        using var caller = new CancellationTokenSource();
        // Children start on this thread up to their first await, so both are waiting when the caller cancels.
        var running = Group.All(EndsWithWhenCancelled(error), Kids.Hangs()).RunAsync(caller.Token);
        await caller.CancelAsync().ConfigureAwait(false);
        return Describe(await running.ConfigureAwait(false));
    }

    /// <summary>A scope's body cancels the scope explicitly, then fails with <paramref name="error"/>.</summary>
    static async Task<string> ScopeBodyAfterCancel(Error error) =>
        Describe(await Group.Scope<int>(scope =>
            from handle in scope.Spawn(Kids.Hangs())
            from cancelled in scope.Cancel(0)
            from value in Aff<GroupRuntime, int>.Fail(error)
            select value).RunAsync().ConfigureAwait(false));

    /// <summary>The F# face runs a lone child that ends with <paramref name="error"/> once the caller has cancelled.</summary>
    static async Task<string> FSharpLoneChildAfterCancel(Error error)
    {
        using var caller = new CancellationTokenSource();
        var running = FSharpGroup.runTask(caller.Token, FSharpChild.ofAff(EndsWithWhenCancelled(error)));
        await caller.CancelAsync().ConfigureAwait(false);
        return Describe(await running.ConfigureAwait(false));
    }

    /// <summary>The F# face's <c>Group.all</c>: a child ends with <paramref name="error"/> once a failing sibling cancelled it.</summary>
    static async Task<string> FSharpAllAfterSiblingFailed(Error error)
    {
        // The waiting child first: it has started (and waits for the token) before its sibling can fail.
        var children = new[] { FSharpChild.ofAff(EndsWithWhenCancelled(error)), FSharpChild.ofAff(Kids.Fails(new TimeoutException("sibling"))) };
        return Describe(await FSharpGroup.runTask(CancellationToken.None, FSharpGroup.all(children)).ConfigureAwait(false));
    }

    /// <summary>Waits for the member's token, then ends with <paramref name="error"/>.</summary>
    public static Aff<GroupRuntime, int> EndsWithWhenCancelled(Error error) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            await ScopeKit.WhenCancelled(rt.CancellationToken).ConfigureAwait(false);
            return Fin<int>.Fail(error);
        });

    /// <summary>One line: <c>Succ(v)</c>, <c>GroupError[leaf | leaf]</c> or <c>Type: message</c>.</summary>
    public static string Describe<A>(Fin<A> fin) =>
        fin.Match(Succ: value => $"Succ({value})", Fail: Describe);

    static string Describe<A>(Microsoft.FSharp.Core.FSharpResult<A, GroupError> result) =>
        result.IsOk ? $"Succ({result.ResultValue})" : Describe(result.ErrorValue);

    static string Describe(Error error) =>
        error is GroupError group
            ? $"GroupError[{string.Join(" | ", group.Leaves.Map(Leaf))}]"
            : Leaf(error);

    static string Leaf(Error error) => $"{NamedError.Unnamed(error).GetType().Name}: {error.Message}";
}
