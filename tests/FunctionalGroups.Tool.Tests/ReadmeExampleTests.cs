using System.Runtime.CompilerServices;

namespace FunctionalGroups.Tool.Tests;

/// <summary>The README's "Live tree" example is what <see cref="GroupTreeSnapshot.RenderTree"/> prints for the sample's
/// tree: if the rendering changes, the README must too.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_pstree_example_is_the_rendering_of_the_sample_tree()
    {
        var readme = File.ReadAllText(Path.Combine(Here(), "..", "..", "README.md")).ReplaceLineEndings("\n");
        var marker = readme.IndexOf("ReadmeExampleTests checks", StringComparison.Ordinal);
        Assert.True(marker >= 0, "the README's marker comment is gone");
        var start = readme.IndexOf("```text\n", marker, StringComparison.Ordinal) + "```text\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);

        Assert.Equal(SampleTree.Crawler.RenderTree(), readme[start..end]);
    }

    static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
