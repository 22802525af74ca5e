using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.ReadmeKit;

// The README's "Property-testing your own groups" example, as it is written there (between the markers, word for word):
// if it stops compiling or holding, the README is wrong.

// README: C# kit example, begin
public sealed record Page(string Url);

public static class Pages
{
    // The code under test: every page at once, under the group's rules.
    public static Aff<GroupRuntime, Seq<Page>> FetchAll(Seq<string> urls, Func<string, Aff<GroupRuntime, Page>> fetch) =>
        Group.All(urls.Map(url => fetch(url).Named(url)));
}

public class FetchAllLaws
{
    static readonly Seq<string> Urls = Prelude.Seq("/", "/about", "/blog", "/contact");

    static Aff<GroupRuntime, Page> Fetch(string url) => Child.FromTask(ct => Task.FromResult(new Page(url)));

    // Which fetch fails, hangs or ignores cancellation, and at which step, is generated; every law is checked on
    // FetchAll's outcome; a broken law shrinks to the smallest plan that breaks it.
    [Property(MaxTest = 200)]
    public Property fetch_all_keeps_the_group_laws() =>
        FaultInjection.Hold(faults => Pages.FetchAll(Urls, url => faults.Wrap(Fetch(url))));
}
// README: C# kit example, end

public class FetchAllByHandBreaksTheLaws
{
    static readonly Seq<string> Urls = Prelude.Seq("/", "/about", "/blog", "/contact");

    static Aff<GroupRuntime, Page> Fetch(string url) => Child.FromTask(ct => Task.FromResult(new Page(url)));

    /// <summary>The README's counter-example: Task.WhenAll by hand, the first error kept.</summary>
    static Aff<GroupRuntime, Seq<Page>> FetchAllByHand(Seq<string> urls, Func<string, Aff<GroupRuntime, Page>> fetch) =>
        Aff<GroupRuntime, Seq<Page>>.EffectMaybe(async rt =>
        {
            var all = await Task.WhenAll(urls.Map(url => fetch(url).Run(rt).AsTask()));
            foreach (var fin in all)
                if (fin.IsFail) return Fin<Seq<Page>>.Fail(fin.Match(Succ: static _ => Errors.None, Fail: static e => e));
            return Prelude.toSeq(all.Select(static f => f.IfFail(new Page("?"))));
        });

    [Fact]
    public void the_same_property_fails_on_a_fetch_all_by_hand_and_shrinks_to_one_fault()
    {
        var property = FaultInjection.Hold(faults => FetchAllByHand(Urls, url => faults.Wrap(Fetch(url))));
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property));

        // Two laws break: a single failure comes back bare, not as a GroupError (G4); a hanging call cancelled from
        // outside comes back as an OperationCanceledException, not Errors.Cancelled (G7). Either way the plan
        // shrinks to at most one fault (and the outer cancel, when the law broken is about it).
        Assert.Matches("EveryFailureIsReportedOnce at call #0: |GroupCausedCancellationsAreNeverReported: ", failure.Message);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(failure.Message.ReplaceLineEndings("\n"), "Shrunk:\n(cancel at step [0-9]+; )?calls: [^,\n]+\n"), failure.Message);
    }
}

public class ReadmeKitExampleIsTheReadmes
{
    [Fact]
    public void the_readme_shows_this_files_code_word_for_word()
    {
        var source = File.ReadAllText(Path.Combine(Root(), "tests", "FunctionalGroups.Tests", "ReadmeKitExample.cs")).ReplaceLineEndings("\n").Split('\n');
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md")).ReplaceLineEndings("\n");
        var first = Array.FindIndex(source, static l => l.Trim() == "// README: C# kit example, begin");
        var last = Array.FindIndex(source, static l => l.Trim() == "// README: C# kit example, end");
        Assert.Contains(string.Join("\n", source[(first + 1)..last]), readme);
    }

    static string Root([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
}
