using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// The smallest runtime that can run a group: it carries a cancellation source and nothing else.
/// It ships with the library so that a newcomer needs no other package.
/// </summary>
/// <remarks>
/// <para><c>default(GroupRuntime)</c> is a root that can never be cancelled from outside
/// (its token is <see cref="CancellationToken.None"/>).</para>
/// <para><see cref="LocalCancel"/> follows LanguageExt's convention: it makes a fresh, <b>unlinked</b>
/// source. A group links the source it takes to its parent's token itself.</para>
/// </remarks>
/// <example>
/// <code>
/// using var cts = new CancellationTokenSource();
/// var fin = await Group.All(children).Run(GroupRuntime.New(cts));
/// // or, with a token only:
/// var fin2 = await Group.All(children).RunAsync(cancellationToken);
/// </code>
/// </example>
public readonly struct GroupRuntime : HasCancel<GroupRuntime>
{
    readonly CancellationTokenSource? source;

    GroupRuntime(CancellationTokenSource source) => this.source = source;

    /// <summary>A runtime whose cancellation is driven by <paramref name="source"/>; the caller owns and disposes it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static GroupRuntime New(CancellationTokenSource source) =>
        new(source ?? throw new ArgumentNullException(nameof(source)));

    /// <summary>
    /// A runtime with a fresh source of its own: cancel the effects running under it with
    /// <c>runtime.CancellationTokenSource.Cancel()</c>. A source with no timer and no link holds nothing to release, so
    /// disposing it is optional; to tie the runtime to a token you have, use <c>effect.RunAsync(token)</c> instead.
    /// </summary>
    public static GroupRuntime New() => new(new CancellationTokenSource());

    /// <summary>A runtime that no one can cancel from outside (the same as <c>default</c>).</summary>
    public static GroupRuntime Uncancellable => default;

    /// <summary>A runtime with a fresh, unlinked cancellation source.</summary>
    public GroupRuntime LocalCancel => new(new CancellationTokenSource());

    /// <summary>The token that effects running under this runtime observe.</summary>
    public CancellationToken CancellationToken => source?.Token ?? CancellationToken.None;

    /// <summary>The source behind <see cref="CancellationToken"/>; <c>null</c> for <see cref="Uncancellable"/>.</summary>
    public CancellationTokenSource CancellationTokenSource => source!;
}
