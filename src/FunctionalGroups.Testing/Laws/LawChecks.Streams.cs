namespace FunctionalGroups.Testing;

/// <summary>The check of the streaming law S1, over what the kit's own source saw (<see cref="StreamSeen"/>), never
/// over the stream's own account of itself.</summary>
internal static partial class LawChecks
{
    sealed partial class Checker
    {
        /// <summary>S1: under a limit, no pull of a stream's source leaves more than the limit of its items pulled and
        /// not ended.</summary>
        public void StreamPulls()
        {
            const GroupLaw law = GroupLaw.StreamsPullOnlyAsAdmitted;
            foreach (var (node, seen) in run.Streams.OrderBy(static s => s.Key))
            {
                if (seen.Limit is not { } limit) continue;
                foreach (var (child, inFlight) in seen.Pulls)
                    if (inFlight > limit)
                    {
                        Broken(law, child, $"stream #{node} pulled it with {inFlight} item(s) pulled and not ended, over its limit of {limit}: it read its source ahead");
                        break;
                    }
            }
        }
    }
}
