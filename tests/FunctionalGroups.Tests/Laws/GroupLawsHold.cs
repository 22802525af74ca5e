using FsCheck;
using FsCheck.Xunit;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Laws;

/// <summary>The library's own group laws, checked with its testing kit over generated fault plans (dogfooding).</summary>
public class GroupLawsHold
{
    [Property(MaxTest = 5000)]
    public Property every_law_holds() => GroupLaws.Hold(null);
}
