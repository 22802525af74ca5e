using Microsoft.Coyote.Random;

namespace FunctionalGroups.Systematic.Harness;

/// <summary>
/// The scenario's choices (how many children, of which kinds, which canceller). They come from Coyote's controlled
/// <see cref="Generator"/>, so they are part of the explored schedule: a bug's saved trace replays the same plan.
/// </summary>
sealed class Draw
{
    readonly Generator generator = Generator.Create();

    public int Below(int bound) => generator.NextInteger(bound);

    public bool Chance() => generator.NextBoolean();

    /// <summary>A child kind, from <paramref name="palette"/> if given (a scenario aimed at one class), else from
    /// every kind; the kinds that wait for a cancel only when <paramref name="cancelIsCertain"/>, and nesting only
    /// above <paramref name="depth"/> 0.</summary>
    public Kind Kind(bool cancelIsCertain, int depth, Kind[]? palette = null)
    {
        var kinds = palette ?? Enum.GetValues<Kind>();
        while (true)
        {
            var kind = kinds[Below(kinds.Length)];
            if (kind is Harness.Kind.WaitsForCancel or Harness.Kind.FailsInCleanup or Harness.Kind.EndsInsideTheCancel && !cancelIsCertain) continue;
            if (kind is Harness.Kind.Nested && depth == 0) continue;
            return kind;
        }
    }
}
