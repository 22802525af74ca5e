using FunctionalGroups;
using LanguageExt;

// Three children in one group, from the installed package: first all succeed, then one fails and the other two,
// still running, are cancelled and awaited. Prints what it saw; exits 1 if anything differs from the rules.
var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine($"  {(ok ? "ok" : "FAILED")}: {what}");
    if (!ok) failures.Add(what);
}

Aff<GroupRuntime, string> Slow(string name, int ms) =>
    Child.FromTask(async ct => { await Task.Delay(ms, ct); return name; }).Named(name);

Console.WriteLine("C# consumer: three children");
var all = await Group.All(Slow("accounts", 30), Slow("transactions", 10), Slow("budgets", 20)).RunAsync();
Check(all.Match(Succ: values => string.Join(",", values) == "accounts,transactions,budgets", Fail: _ => false),
      "all succeed, values in child order");

var cancelled = 0;
Aff<GroupRuntime, string> Waits(string name) =>
    Child.FromTask(async ct =>
    {
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { Interlocked.Increment(ref cancelled); throw; }
        return name;
    }).Named(name);
var failing = Child.FromTask<string>(async ct =>
{
    await Task.Delay(10, ct);
    throw new InvalidOperationException("budgets down");
}).Named("budgets");

var one = await Group.All(Waits("accounts"), failing, Waits("transactions")).RunAsync();
Check(one.Match(Succ: _ => false, Fail: e => e is GroupError { Errors.Count: 1 } g && g.Errors.Head is NamedError { Name: "budgets" }),
      "one fails: a GroupError with one entry, the named child");
Check(cancelled == 2, "the two siblings were cancelled and awaited before the group returned");
one.IfFail(e => Console.WriteLine(e.ToString()));

Console.WriteLine(failures.Count == 0 ? "C# consumer: ok" : $"C# consumer: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;
