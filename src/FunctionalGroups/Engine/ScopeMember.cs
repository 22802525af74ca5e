using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Engine;

/// <summary>
/// A member of a scope (its body, or one spawned child), known to the code it runs as <see cref="Current"/>, the
/// way <c>asyncio.current_task()</c> is. The scope uses it for what only a member's identity can decide:
/// <list type="bullet">
/// <item><b>G18, exactly once.</b> A failure that <see cref="ChildHandle{RT, A}.Join"/> handed to this member (or to
/// code running inside it) is noted here; if the member then ends with that very failure, it is reported once, as
/// the joined child's. Another member failing with an equal or even the same shared <see cref="Error"/> instance is
/// its own failure and is reported too: nothing is decided across members by error identity.</item>
/// <item><b>G18, join cycles.</b> While code inside this member joins another member of its scope, the wait is noted
/// in <see cref="joining"/>; a join that would close a cycle (a child joining itself, or A joining B while B, or code
/// inside B, joins A) fails at once with a clear error instead of hanging.</item>
/// <item><b>G17.</b> <see cref="InlineDepth"/> is how many members' synchronous prefixes this thread is running now.
/// A spawn runs its child inline only at depth 0; a spawn from inside a prefix is scheduled instead, so a spawner's
/// turn never runs the work of its child's descendants.</item>
/// </list>
/// </summary>
internal class ScopeMember
{
    static readonly AsyncLocal<ScopeMember?> current = new();

    /// <summary>Members' synchronous prefixes this thread is running now (see the class comment, G17).</summary>
    [ThreadStatic] internal static int InlineDepth;

    /// <summary>The scope member the calling code runs inside, of whatever scope; null outside every scope.</summary>
    public static ScopeMember? Current => current.Value;

    /// <summary>Makes this member <see cref="Current"/>; call only inside an <see cref="ExecutionContext.Run"/> (or an
    /// async method) made for the member, so the value never leaks to the caller.</summary>
    public void MakeCurrent() => current.Value = this;

    public ScopeMember(object gate, ScopeMember? outer, string? name, int index)
    {
        Gate = gate;
        Outer = outer;
        Name = name;
        Index = index;
    }

    /// <summary>The scope's lock, and its identity: members of one scope share it.</summary>
    public object Gate { get; }

    /// <summary>The member (of an enclosing scope) inside which this member's scope runs; null at the top.</summary>
    public ScopeMember? Outer { get; }

    /// <summary>The child's name, if it was given one.</summary>
    public string? Name { get; }

    /// <summary>The spawn index; -1 for the body.</summary>
    public int Index { get; }

    // The live tree and the trace. The links are guarded by Gate (ScopeRun keeps the members not ended yet as a list,
    // so a snapshot can name them while a long-lived scope keeps nothing of its ended members). StartedAt is written by
    // the thread that starts the member, before its code runs (0: not started); Span likewise, read by its end.
    internal ScopeMember? LivePrevious;
    internal ScopeMember? LiveNext;
    internal long StartedAt;
    internal System.Diagnostics.Activity? Span;

    // Guarded by Gate. `joining`: members this member (or code inside it) is joining now. `received`: failures Join
    // handed to it. A member that has ended has no entry in `joining` (its joins ended before it did), so a join of a
    // member that is just ending can neither wait for ever nor close a false cycle: it sees the completed outcome.
    List<ScopeMember>? joining;
    List<Error>? received;

    /// <summary>How errors name this member.</summary>
    public override string ToString() =>
        Index < 0 ? "the scope's body" : Name is null ? $"child #{Index}" : $"child '{Name}' (#{Index})";

    /// <summary>The member of the scope of <paramref name="gate"/> that this member runs inside (itself, or an outer one).</summary>
    public ScopeMember? Within(object gate)
    {
        var member = this;
        while (member is not null && member.Gate != gate) member = member.Outer;
        return member;
    }

    /// <summary>
    /// Notes that <paramref name="joiner"/> starts waiting for this member, or gives the error of the cycle that the
    /// wait would close: the joiner is this member (a child joining itself, from its own code or from code inside
    /// it), or this member waits, through joins, for the joiner.
    /// </summary>
    public Error? StartWaiting(ScopeMember joiner)
    {
        lock (Gate)
        {
            if (joiner == this)
                return Refused($"{this} joined its own handle: it would wait for its own end for ever, as asyncio's \"Task cannot await on itself\". Join a child from the scope's body or from another child.");
            if (PathTo(joiner) is { } path)
                return Refused($"{joiner} joined {this}, which is waiting through joins for {joiner} ({string.Join(" -> ", path)}): every member of that cycle would wait for ever. Break the cycle, or join from the scope's body.");
            (joiner.joining ??= []).Add(this);
            return null;
        }
    }

    /// <summary>Notes that <paramref name="joiner"/> no longer waits for this member.</summary>
    public void StopWaiting(ScopeMember joiner)
    {
        lock (Gate) joiner.joining?.Remove(this);
    }

    // Under Gate: the chain of joins from this member to `target`, or null. Joins in progress are few; a set keeps a
    // member reached twice from being walked twice.
    List<ScopeMember>? PathTo(ScopeMember target)
    {
        var from = new Dictionary<ScopeMember, ScopeMember?>(ReferenceEqualityComparer.Instance) { [this] = null };
        var pending = new Queue<ScopeMember>();
        pending.Enqueue(this);
        while (pending.Count > 0)
        {
            var member = pending.Dequeue();
            if (member == target)
            {
                var path = new List<ScopeMember>();
                for (ScopeMember? m = member; m is not null; m = from[m]) path.Add(m);
                path.Reverse();
                return path;
            }
            if (member.joining is null) continue;
            foreach (var next in member.joining)
                if (from.TryAdd(next, member)) pending.Enqueue(next);
        }
        return null;
    }

    static Error Refused(string message) => Error.New(new InvalidOperationException(message));

    /// <summary>Notes a failure that Join handed to this member (or to code inside it).</summary>
    public void Received(Error failure)
    {
        lock (Gate) (received ??= []).Add(failure);
    }

    /// <summary>
    /// True when this member ends with a failure that Join handed to it (the instance it was handed, names seen
    /// through): it passed the joined child's failure on, which is reported once, as that child's.
    /// </summary>
    public bool EndsWithJoinedFailure(Error error)
    {
        lock (Gate)
        {
            if (received is null) return false;
            var own = NamedError.Unnamed(error);
            foreach (var handed in received)
                if (ReferenceEquals(handed, error) || ReferenceEquals(NamedError.Unnamed(handed), own)) return true;
            return false;
        }
    }
}
