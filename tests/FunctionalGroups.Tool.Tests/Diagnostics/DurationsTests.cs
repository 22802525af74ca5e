namespace FunctionalGroups.Tool.Tests.Diagnostics;

/// <summary>How the renderings write an age: truncated, the largest two units.</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(999.9, "999ms")]
    [InlineData(1000, "1.0s")]
    [InlineData(9999, "9.9s")]
    [InlineData(59_999, "59s")]
    [InlineData(185_000, "3m05s")]
    [InlineData(7_260_000, "2h01m")]
    [InlineData(270_000_000, "3d03h")]
    [InlineData(-5, "0ms")]
    public void Formats(double milliseconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Unknown_is_a_dash()
    {
        Assert.Equal("-", Durations.Format((TimeSpan?)null));
    }
}
