using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FunctionalGroups.Testing;

namespace KitHunt;

/// <summary>
/// The hunt. <c>hunt</c> runs every class, each scan in a child process (a stack overflow kills only that process),
/// and prints a markdown table. <c>scan N</c> generates case after case for class N, checks its laws, and on the first
/// violation shrinks in process and prints the result. <c>try N i k1 k2 …</c> runs case i of class N shrunk along the
/// path of candidate indices k1, k2, … (exit 0: the laws hold, 1: violated); the parent shrinks a crashing case with it.
/// </summary>
internal static class Program
{
    const int MaxCases = 2_000;
    const int MaxShrinkRuns = 300;

    static int Main(string[] args) => args switch
    {
        ["scan", var id] => Scan(Class(id)).GetAwaiter().GetResult(),
        ["try", var id, var i, .. var path] => Try(Class(id), int.Parse(i), path.Select(int.Parse).ToArray()).GetAwaiter().GetResult(),
        ["hunt"] => Hunt(),
        _ => Usage(),
    };

    static int Usage()
    {
        Console.Error.WriteLine("usage: KitHunt hunt | scan N | try N CASE [PATH…]");
        return 2;
    }

    static HuntClass Class(string id) => HuntClass.All.Single(c => c.Id == id);

    /// <summary>Case <paramref name="i"/> of a class: the same plan in every process (a fixed seed per case; sizes grow
    /// like FsCheck's, from 0 to 50).</summary>
    static FaultPlan Case(HuntClass c, int i)
    {
        var seed = (ulong)(c.Id.Aggregate(17, static (h, ch) => (h * 31) + ch) * 1_000_003L + i);
        var plan = Gen.Sample(FaultArbitraries.PlanGen(c.Sizes!), 1, new Rnd(seed, 0x9E3779B97F4A7C15UL), i % 51)[0];
        return Narrow(c, plan);
    }

    static FaultPlan Narrow(HuntClass c, FaultPlan plan) =>
        c.Leaf is null && !c.EarlierJoinsOnly && c.MinJoinSteps == 0 ? plan
            : FaultPlan.Create((FaultGroup)c.Narrow(c.Leaf is { } leaf ? FaultPlan.Rewrite(plan.Root, leaf) : plan.Root), plan.Outer, plan.OuterStep, plan.MaxParallelism);

    static IEnumerable<FaultPlan> Smaller(HuntClass c, FaultPlan plan) => FaultArbitraries.Plans(c.Sizes).Shrinker(plan).Select(p => Narrow(c, p));

    static FaultPlan Follow(HuntClass c, FaultPlan plan, IEnumerable<int> path)
    {
        foreach (var k in path) plan = Smaller(c, plan).ElementAt(k);
        return plan;
    }

    static async Task<IReadOnlyList<LawViolation>> Violations(HuntClass c, FaultPlan plan)
    {
        try
        {
            return (await GroupLaws.Verify(plan, c.Laws)).Violations;
        }
        catch (Exception e)
        {
            return [new LawViolation(GroupLaw.GroupEnds, -1, $"the run threw {e.GetType().Name}: {e.Message}")];
        }
    }

    static async Task<int> Scan(HuntClass c)
    {
        for (var i = 0; i < MaxCases; i++)
        {
            var plan = Case(c, i);
            Console.WriteLine($"case {i}: {plan}");
            Console.Out.Flush();
            var violations = await Violations(c, plan);
            if (violations.Count == 0) continue;
            Console.WriteLine($"found {i}");
            var (shrunk, last, steps, runs) = await ShrinkInProcess(c, plan, violations);
            Report(shrunk, last, steps, runs);
            return 1;
        }
        Console.WriteLine($"none {MaxCases}");
        return 0;
    }

    static async Task<(FaultPlan, IReadOnlyList<LawViolation>, int, int)> ShrinkInProcess(HuntClass c, FaultPlan plan, IReadOnlyList<LawViolation> violations)
    {
        int steps = 0, runs = 0;
        var smaller = true;
        while (smaller && runs < MaxShrinkRuns)
        {
            smaller = false;
            foreach (var candidate in Smaller(c, plan))
            {
                if (++runs > MaxShrinkRuns) break;
                var v = await Violations(c, candidate);
                if (v.Count == 0) continue;
                (plan, violations, smaller) = (candidate, v, true);
                steps++;
                break;
            }
        }
        return (plan, violations, steps, runs);
    }

    static void Report(FaultPlan plan, IReadOnlyList<LawViolation> violations, int steps, int runs)
    {
        Console.WriteLine($"shrunk {plan}");
        Console.WriteLine($"nodes {plan.Nodes.Count}");
        Console.WriteLine($"steps {steps} runs {runs}");
        Console.WriteLine($"laws {string.Join(", ", violations.Select(static v => v.Law).Distinct())}");
        foreach (var v in violations.Take(3)) Console.WriteLine($"violation {v.ToString().ReplaceLineEndings(" ")}");
    }

    static async Task<int> Try(HuntClass c, int i, int[] path)
    {
        var plan = Follow(c, Case(c, i), path);
        Console.WriteLine($"plan {plan}");
        Console.Out.Flush();
        var violations = await Violations(c, plan);
        foreach (var v in violations) Console.WriteLine($"violation {v.ToString().ReplaceLineEndings(" ")}");
        return violations.Count == 0 ? 0 : 1;
    }

    sealed record Ended(int Code, string Output, string Errors)
    {
        public bool Crashed => Code is not (0 or 1);

        public string Crash => Errors.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) ? "stack overflow" : $"exit code {Code}";
    }

    static Ended Child(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Ended(-1, output.Result, "killed after 10 minutes\n" + errors.Result);
        }
        return new Ended(process.ExitCode, output.Result, errors.Result);
    }

    static int Hunt()
    {
        Console.WriteLine("| # | class | caught by | shrunk plan | nodes | cases generated | shrink steps (runs) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var c in HuntClass.All)
        {
            if (c.NotAPlan is { } why)
            {
                Row(c, "not expressible as a kit plan", why, "", "", "");
                continue;
            }
            var scan = Child("scan", c.Id);
            var lines = scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string? Line(string prefix) => lines.LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
            if (scan.Crashed)
            {
                var last = lines.LastOrDefault(static l => l.StartsWith("case ", StringComparison.Ordinal));
                if (last is null)
                {
                    Row(c, $"the scan failed before its first case ({scan.Crash}): {scan.Errors.Split('\n')[0]}", "", "", "", "");
                    continue;
                }
                var i = int.Parse(last[5..last.IndexOf(':')]);
                var (plan, steps, runs) = ShrinkCrash(c, i, last[(last.IndexOf(':') + 2)..]);
                Row(c, $"process crash ({scan.Crash}) while running its laws ({string.Join(", ", c.Laws)})",
                    $"`{plan}`", plan[..plan.IndexOf(" nodes", StringComparison.Ordinal)].Split(' ').Last(), $"{i + 1}", $"{steps} ({runs} child processes)");
                continue;
            }
            if (Line("none") is { } none)
            {
                Row(c, $"not found ({string.Join(", ", c.Laws)} held)", "", "", none, "");
                continue;
            }
            Row(c, $"{Line("laws")}: {Line("violation")}", $"`{Line("shrunk")}`", Line("nodes") ?? "", $"{int.Parse(Line("found")!) + 1}", Line("steps")?.Replace(" runs ", " (", StringComparison.Ordinal) + " runs)");
        }
        return 0;
    }

    /// <summary>Greedy shrinking of a case that kills the process: each candidate runs in a child process of its own.</summary>
    static (string Plan, int Steps, int Runs) ShrinkCrash(HuntClass c, int i, string plan)
    {
        var path = new List<int>();
        int steps = 0, runs = 0;
        var smaller = true;
        while (smaller && runs < MaxShrinkRuns)
        {
            smaller = false;
            var count = Smaller(c, Follow(c, Case(c, i), path)).Count();
            for (var k = 0; k < count && runs < MaxShrinkRuns; k++)
            {
                runs++;
                var attempt = Child(["try", c.Id, i.ToString(), .. path.Select(static p => p.ToString()), k.ToString()]);
                if (!attempt.Crashed) continue;
                path.Add(k);
                steps++;
                plan = attempt.Output.Split('\n').First(static l => l.StartsWith("plan ", StringComparison.Ordinal))[5..].Trim();
                smaller = true;
                break;
            }
        }
        return (plan, steps, runs);
    }

    static void Row(HuntClass c, string law, string plan, string nodes, string cases, string steps) =>
        Console.WriteLine($"| {c.Id} | {c.Title} | {law.Replace("|", "\\|", StringComparison.Ordinal)} | {plan.Replace("|", "\\|", StringComparison.Ordinal)} | {nodes} | {cases} | {steps} |");
}
