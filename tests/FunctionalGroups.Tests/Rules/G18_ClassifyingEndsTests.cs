namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G18: classifying an outcome (G13) ends for every <see cref="Error"/> value, also for an error thrown as an
/// exception whose error converts to a fresh, different error at every step (it never repeats itself, so only the bound
/// on unwrapping ends the walk). Such a value is a real failure, not a cancellation.
/// </summary>
public class G18_ClassifyingEndsTests
{
    [Fact]
    public void G18_classifying_an_error_that_unwraps_to_a_fresh_error_for_ever_ends_and_is_no_cancellation()
    {
        Assert.False(Engine.Cancellation.IsCancellation(Error.New(new EndlessException(0))));
    }

    /// <summary>An exception whose error is an exceptional error carrying the next one, without end.</summary>
    sealed class EndlessException : ErrorException
    {
        readonly int depth;

        public EndlessException(int depth) : base(depth) => this.depth = depth;

        public override string Message => $"endless {depth}";
        public override int Code => depth;
        public override Option<ErrorException> Inner => Option<ErrorException>.None;
        public override Error ToError() => Error.New(new EndlessException(depth + 1));
        public override bool IsExceptional => true;
        public override bool IsExpected => false;
        public override ErrorException Append(ErrorException error) => new ManyExceptions(Seq.create<ErrorException>(this, error));
    }
}
