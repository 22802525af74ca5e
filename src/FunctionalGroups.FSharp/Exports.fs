namespace FunctionalGroups.FSharp

// The C# types an F# user meets, under the names of this namespace: `open FunctionalGroups.FSharp` is all an F# file
// needs. (Opening `FunctionalGroups` as well would bring the C# `Group` and `Child` classes, which hide the F# modules
// of the same names; opening `LanguageExt` would hide F#'s Option, List, Map, Seq and Result.)

/// The failure of a group: every real failure of its children, in child order, nesting kept (rules G3-G6). Its
/// entries are LanguageExt errors (`LanguageExt.Common.Error`): a child's own error, a `NamedError` around it, or a
/// nested group's `GroupError`. `string group` draws the tree, like Python's ExceptionGroup.
/// <example><code>
/// match result with
/// | Ok value -> show value
/// | Error group -> printfn "%d of %d failed:\n%O" group.Errors.Count group.Total group
/// </code></example>
type GroupError = FunctionalGroups.GroupError

/// A child's failure together with its name (`Child.named`); every matcher sees through it (rule G4). Match it with
/// the `Named` pattern.
type NamedError = FunctionalGroups.NamedError

/// A `GroupError` as an exception: what `Group.runAsync` raises when the caller was cancelled while a child failed
/// for real, so that F#'s cancellation does not drop the failures (rule G7).
type GroupException = FunctionalGroups.GroupException

/// Which failures an `except*` handler takes (`Group.catching`, `GroupError.split`); made by the `On` module.
type ErrorFilter = FunctionalGroups.ErrorFilter

/// Why `Group.spawn` did not start a child (rule G9): the scope was shutting down, or had finished.
type SpawnRefusedError = FunctionalGroups.SpawnRefusedError

/// One child's result as it completes (`Group.asCompleted`, `Group.streamUnordered`): its position in the list or the
/// source (`Index`), its name when it has one (`Name`, or null), and its value (`Value`).
type Completed<'T> = FunctionalGroups.Completed<'T>
