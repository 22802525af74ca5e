using System.Text.RegularExpressions;
using LanguageExt.Common;
using Orleans.Runtime;

namespace FunctionalGroups.Orleans;

/// <summary>How a grain call's failure becomes the child's failure (rules O2-O4).</summary>
internal static partial class RemoteOutcome
{
    /// <summary>What a child says when neither a stamp nor Orleans' message names the silo.</summary>
    internal const string UnknownSilo = "an unknown silo";

    /// <summary>
    /// The start of the message of the <see cref="TimeoutException"/> Orleans raises on the caller when a call's response
    /// timeout fires (Orleans.Runtime.CallbackData.OnTimeout). A <see cref="TimeoutException"/> thrown by the grain's own
    /// code is the grain's failure, not an unconfirmed end: it came back as the call's response.
    /// </summary>
    const string ResponseTimeoutPrefix = "Response did not arrive on time";

    /// <summary>
    /// The failure of the child that called <paramref name="grain"/>, named after the grain and its silo. A
    /// cancellation stays a cancellation under the name (G13 sees through names).
    /// </summary>
    public static Error Name(string grain, Error error)
    {
        var exception = error is Exceptional ? error.ToException() : null;
        if (exception?.Data[SiloStamp.Key] is string stamp)
        {
            // It came back as the grain's response: the grain's own failure, whatever its type (a grain whose own call
            // timed out, or whose callee's silo died, failed; its silo did not).
            return new NamedError($"{grain} on {stamp}", error);
        }
        var silo = exception is null ? UnknownSilo : SiloOf(exception);
        Error own = exception switch
        {
            SiloUnavailableException => new SiloLostError(grain, silo, exception),
            TimeoutException when exception.Message.StartsWith(ResponseTimeoutPrefix, StringComparison.Ordinal) =>
                new RemoteEndUnconfirmedError(grain, silo, exception),
            _ => error,
        };
        return new NamedError($"{grain} on {silo}", own);
    }

    /// <summary>
    /// For a failure raised by Orleans on the caller's side (no stamp): the target silo in the text of its message
    /// (<c>"…->[S127.0.0.1:11112:123 grain/key]…"</c>), else <see cref="UnknownSilo"/>.
    /// </summary>
    /// <remarks>
    /// A call from a client goes to a gateway: the message's target is then the gateway's endpoint, whose generation is
    /// 0, not the silo that runs the grain. That is said as it is, never passed off as the grain's silo.
    /// </remarks>
    static string SiloOf(Exception exception)
    {
        var target = TargetSilo().Match(exception.Message);
        if (!target.Success) return UnknownSilo;
        var silo = target.Groups[1].Value;
        return silo.EndsWith(":0", StringComparison.Ordinal) ? $"{UnknownSilo} (sent through the gateway {silo})" : silo;
    }

    [GeneratedRegex(@"\]->\[(S[^\s\]]+)\s")]
    private static partial Regex TargetSilo();
}
