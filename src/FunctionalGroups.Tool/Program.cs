using FunctionalGroups.Tool;

// fgroups ps PID | fgroups pstree PID [--json] [--timeout SECONDS]: see FgroupsCommand.
return await FgroupsCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
