using Orleans;
using Orleans.Runtime;

namespace FunctionalGroups.Orleans;

/// <summary>
/// Writes the silo that ran a grain method into the <see cref="Exception.Data"/> of the exception leaving it (Orleans
/// serialises <c>Data</c> with the exception), so the caller's child names that silo (rule O4).
/// </summary>
/// <remarks>
/// The filter runs in the grain's turn: no <c>ConfigureAwait(false)</c> here, which would leave the activation's
/// scheduler (Orleans' own rule for grain code). The exception is not caught: an exception filter writes the stamp and
/// declines, so the exception and its stack go on unchanged. A grain that rethrows its callee's exception overwrites the
/// callee's stamp with its own: the caller's child is the grain it called.
/// </remarks>
internal sealed class SiloStamp(ILocalSiloDetails silo) : IIncomingGrainCallFilter
{
    /// <summary>The <see cref="Exception.Data"/> key of the stamp.</summary>
    internal const string Key = "FunctionalGroups.Orleans.Silo";

    readonly string label = $"{silo.Name} ({silo.SiloAddress})";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (Stamp(exception))
        {
            throw; // never reached: Stamp declines
        }
    }

    bool Stamp(Exception exception)
    {
        try
        {
            exception.Data[Key] = label;
        }
        catch (Exception)
        {
            // A read-only Data (an exception type that overrides it): the caller then reads the silo from elsewhere.
        }
        return false;
    }
}
