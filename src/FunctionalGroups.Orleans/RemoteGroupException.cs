using Orleans;

namespace FunctionalGroups.Orleans;

/// <summary>
/// A group run by a grain (<see cref="GrainGroup.Run{A}(LanguageExt.Aff{GroupRuntime, A}, CancellationToken)"/>)
/// failed: the message is the group's error as rendered on the grain's silo (its tree of named failures).
/// </summary>
/// <remarks>
/// Across the network the nested group arrives as text, not as a <see cref="GroupError"/> value (rule O5): the caller's
/// group holds one entry for it, named after the grain and its silo, whose message shows the remote tree.
/// </remarks>
[GenerateSerializer]
public sealed class RemoteGroupException : Exception
{
    /// <summary>An exception with no message (for serializers).</summary>
    public RemoteGroupException()
    {
    }

    /// <summary>An exception whose message is the remote group's rendered error.</summary>
    public RemoteGroupException(string message) : base(message)
    {
    }

    /// <summary>An exception whose message is the remote group's rendered error, with an inner exception.</summary>
    public RemoteGroupException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
