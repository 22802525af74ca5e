namespace FunctionalGroups.Tool;

/// <summary>A failure the tool reports as one line on standard error, with exit code 1: no such process, not a .NET
/// process, no answer.</summary>
internal sealed class ToolException(string message, Exception? inner = null) : Exception(message, inner);
