namespace FunctionalGroups.Tests.ErrorModel;

/// <summary>A named error stays well formed (G4: a name is a label around the child's own error): every way of making
/// one, the constructor and <c>with</c>, refuses a null error and a null or blank name when it is made, instead of a
/// <see cref="NullReferenceException"/> later.</summary>
public class NamedErrorTests
{
    static readonly NamedError Named = new("accounts", Error.New("unreachable"));

    [Fact]
    public void G04_a_null_error_is_refused_by_the_constructor_and_by_with()
    {
        Assert.Throws<ArgumentNullException>(() => new NamedError("accounts", null!));
        Assert.Throws<ArgumentNullException>(() => Named with { Error = null! });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void G04_a_null_or_blank_name_is_refused_by_the_constructor_and_by_with(string? name)
    {
        var expected = name is null ? typeof(ArgumentNullException) : typeof(ArgumentException);
        Assert.IsType(expected, Assert.ThrowsAny<ArgumentException>(() => new NamedError(name!, Error.New("x"))));
        Assert.IsType(expected, Assert.ThrowsAny<ArgumentException>(() => Named with { Name = name! }));
    }

    [Fact]
    public void G04_with_a_valid_value_still_makes_a_well_formed_named_error()
    {
        var renamed = Named with { Name = "budgets" };
        Assert.Equal("budgets: unreachable", renamed.Message);
        Assert.Same(Named.Error, renamed.Error);
        var rewrapped = Named with { Error = Errors.Cancelled };
        Assert.True(rewrapped.Is(Errors.Cancelled));
        Assert.Equal(new NamedError("accounts", Errors.Cancelled), rewrapped);
    }
}
