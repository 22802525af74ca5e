using FunctionalGroups;
using LanguageExt;
using LanguageExt.Common;

var fail = Child.FromTask<int>(async ct => { await Task.Yield(); throw new TimeoutException("boom"); }).Named("t");
var hang = Child.FromTask<int>(async ct => { await Task.Delay(-1, ct); return 1; }).Named("h");
var ok = Child.FromTask(async ct => { await Task.Yield(); return 5; });
var r = await Group.All(hang, fail, ok, Group.All(fail, hang).Map(s => s.Count).Named("nested")).RunAsync();
Console.WriteLine(r.Match(s => s.ToString(), e => e.ToString()));
var r2 = await Group.All(ok, ok).RunAsync();
Console.WriteLine(r2);
using var cts = new CancellationTokenSource();
var t = Group.All(hang, hang).RunAsync(cts.Token);
cts.Cancel();
Console.WriteLine(await t);
var h = await Group.All(hang, fail, ok).Catching(On.Exception<TimeoutException>(), g => Seq.create(g.Errors.Count)).RunAsync();
Console.WriteLine(h);
