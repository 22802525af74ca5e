using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Orleans;

/// <summary>
/// A remote child whose call's response timeout fired before the grain's method returned (rule O2): the remote work was
/// <b>not confirmed ended</b>. It may still be running on <see cref="Silo"/>; the group reports it as a real failure and
/// never counts it as joined, even when the group was being cancelled.
/// </summary>
public sealed record RemoteEndUnconfirmedError : Expected
{
    /// <summary>The <see cref="Error.Code"/> of every <see cref="RemoteEndUnconfirmedError"/>.</summary>
    public const int UnconfirmedCode = GroupError.GroupErrorCode + 256;

    internal RemoteEndUnconfirmedError(string grain, string silo, Exception timeout)
        : base(
            $"the call to {grain} on {silo} timed out ({timeout.Message.Split(" for message", 2)[0]}): the remote work was not confirmed ended and may still be running",
            UnconfirmedCode,
            Error.New(timeout))
    {
        Grain = grain;
        Silo = silo;
    }

    /// <summary>The grain that was called.</summary>
    public string Grain { get; }

    /// <summary>The silo the call went to, or <c>"an unknown silo"</c>.</summary>
    public string Silo { get; }

    /// <summary>The message, as for LanguageExt's own errors.</summary>
    public override string ToString() => Message;
}

/// <summary>
/// A remote child whose silo was declared dead by the cluster's membership while the call was running (rule O3).
/// Orleans' membership protocol makes a silo declared dead stop, so its work ended with it (the bound that guarantee
/// rests on is in docs/rules.md, O3).
/// </summary>
public sealed record SiloLostError : Expected
{
    /// <summary>The <see cref="Error.Code"/> of every <see cref="SiloLostError"/>.</summary>
    public const int SiloLostCode = GroupError.GroupErrorCode + 257;

    internal SiloLostError(string grain, string silo, Exception unavailable)
        : base(
            $"the silo {silo} running {grain} died during the call (declared dead by the cluster's membership)",
            SiloLostCode,
            Error.New(unavailable))
    {
        Grain = grain;
        Silo = silo;
    }

    /// <summary>The grain that was called.</summary>
    public string Grain { get; }

    /// <summary>The silo that died, or <c>"an unknown silo"</c>.</summary>
    public string Silo { get; }

    /// <summary>The message, as for LanguageExt's own errors.</summary>
    public override string ToString() => Message;
}
