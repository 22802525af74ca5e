/// The laws, as FsCheck properties over generated plans of F# children (Async and task leaves that succeed, fail,
/// hang until cancelled or ignore cancellation; nested Group.all and par groups; outer cancels; both runners).
module FunctionalGroups.FSharp.Tests.Properties.Laws

open System
open FsCheck.Xunit
open Xunit.Sdk
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Properties.Plan
open FunctionalGroups.FSharp.Tests.Properties.Interpreter

/// Fails the property with `what` and what the run did.
let private check (run: ScenarioRun) (holds: bool) (what: unit -> string) =
    if not holds then
        let injected = run.InjectedFailures |> List.map fst
        let started = [ for leaf in 0 .. run.Leaves.Length - 1 do if run.LeafStart leaf <> 0L then leaf ]

        raise (
            XunitException(
                $"{what ()}\nscenario: {run.Scenario}\noutcome: %A{run.Outcome}\nouter cancelled: {run.OuterCancelled}\n"
                + $"started leaves: %A{started}\ninjected by leaves: %A{injected}"
            )
        )

/// The leaves under a plan node.
let rec private leavesUnder (node: Indexed) : int list =
    match node with
    | ILeaf(index, _) -> [ index ]
    | IGroup(_, _, _, children) -> List.collect leavesUnder children

/// One entry per failing child, in child order; names kept; a nested group's entry is its own GroupError.
let rec private checkEntries (run: ScenarioRun) (error: GroupError) (node: Indexed) =
    match node with
    | ILeaf _ -> ()
    | IGroup(group, _, _, children) ->
        check run (error.Total = children.Length) (fun () ->
            $"group #{group}: Total is {error.Total}, it has {children.Length} children")

        let failing =
            children |> List.filter (fun child -> leavesUnder child |> List.exists (fun l -> (run.Injected l).IsSome))

        check run (error.Errors.Count = failing.Length) (fun () ->
            $"group #{group}: {error.Errors.Count} entries, but {failing.Length} children have an injected failure")

        for child, entry in List.zip failing (List.ofSeq error.Errors) do
            let name =
                match child with
                | ILeaf(_, leaf) -> leaf.Name
                | IGroup(_, name, _, _) -> name

            let own =
                match name, entry with
                | Some name, Named(entryName, own) when entryName = name -> own
                | Some name, _ -> check run false (fun () -> $"group #{group}: expected an entry named {name}, got {entry}"); entry
                | None, Named _ -> check run false (fun () -> $"group #{group}: an unnamed child's entry has a name"); entry
                | None, _ -> entry

            match child, own with
            | ILeaf(leaf, _), _ ->
                check run (Object.ReferenceEquals(own.ToException(), (run.Injected leaf).Value)) (fun () ->
                    $"group #{group}: the entry is not the instance leaf #{leaf} raised")
            | IGroup _, (:? GroupError as nested) -> checkEntries run nested child
            | IGroup(nested, _, _, _), _ ->
                check run false (fun () -> $"group #{group}: nested group #{nested} failed, its entry is a {own.GetType().Name}")

/// G3, G4, G5, G6, G7: every failure a child raised is in the group's error, once, as the instance raised, in child
/// order, nesting and names kept; with no failure there is no GroupError. From an Async whose caller was cancelled,
/// the failures come raised, in a GroupException.
[<Property(MaxTest = 200, Arbitrary = [| typeof<Arbitraries> |])>]
let ``every failure is reported once`` (scenario: Scenario) =
    task {
        let! run = ScenarioRun(scenario).Execute()
        let injected = run.InjectedFailures

        let group =
            match run.Outcome with
            | Completed(Error group) -> Some group
            | Raised(:? GroupException as raised) -> Some raised.Group
            | _ -> None

        if injected.IsEmpty then
            check run group.IsNone (fun () -> "no child failed, yet the run gave a GroupError")
            check run (run.Outcome.IsCompleted || run.Outcome.IsCancelled) (fun () -> "no child failed, yet the run raised")
        else
            check run group.IsSome (fun () -> $"{injected.Length} failure(s) were raised, yet the run gave no GroupError")

            let raisedByAsync = scenario.Runner = ViaAsync && run.OuterCancelled

            check run (raisedByAsync = run.Outcome.IsRaised) (fun () ->
                "from an Async, the failures come raised exactly when the caller was cancelled (G7)")

            let leaves = GroupError.exceptions group.Value

            check
                run
                (leaves.Length = injected.Length
                 && List.forall2 (fun (leaf: exn) (_, raised: exn) -> Object.ReferenceEquals(leaf, raised)) leaves injected)
                (fun () -> $"the leaves differ from the raised failures:\n  leaves: %A{leaves}\n  raised: %A{injected}")

            checkEntries run group.Value run.Indexed
    }

/// G1: when a group ends (root or nested, failing, cancelled or not), none of its children is still running; each
/// child's end precedes its group's end, and the root run returns only after every child ended.
[<Property(MaxTest = 200, Arbitrary = [| typeof<Arbitraries> |])>]
let ``no child outlives its group`` (scenario: Scenario) =
    task {
        let! run = ScenarioRun(scenario).Execute()

        for node in run.Groups do
            match node with
            | ILeaf _ -> ()
            | IGroup(group, _, _, _) ->
                let under = leavesUnder node

                if run.GroupStart group = 0L then
                    check run (under |> List.forall (fun l -> run.LeafStart l = 0L)) (fun () ->
                        $"group #{group} never started, yet some of its leaves did")
                else
                    let ended = run.GroupEnd group
                    check run (ended <> 0L) (fun () -> $"group #{group} started but never ended")
                    check run (run.LiveAtEnd group = 0) (fun () -> $"group #{group} ended with {run.LiveAtEnd group} leaves running")

                    for leaf in under |> List.filter (fun l -> run.LeafStart l <> 0L) do
                        check run (run.LeafEnd leaf <> 0L && run.LeafEnd leaf < ended) (fun () ->
                            $"leaf #{leaf} ended at tick {run.LeafEnd leaf}, not before its group #{group} ended at {ended}")

        check run (run.LiveAtRunEnd = 0) (fun () -> $"the run returned with {run.LiveAtRunEnd} leaves running")

        for leaf in 0 .. run.Leaves.Length - 1 do
            if run.LeafStart leaf <> 0L then
                check run (run.LeafEnd leaf < run.RunEnd) (fun () -> $"leaf #{leaf} ended after the run returned")
    }

/// G5: when nothing fails and nothing is cancelled, the values are in child order, not completion order. A leaf
/// gives its depth-first index and a group its children's values concatenated: the root gives 0, 1, …, n-1.
[<Property(MaxTest = 200, Arbitrary = [| typeof<Arbitraries> |])>]
let ``results keep child order`` (CleanScenario scenario) =
    task {
        let! run = ScenarioRun(scenario).Execute()

        match run.Outcome with
        | Completed(Ok values) ->
            check run (values = [ 0 .. run.Leaves.Length - 1 ]) (fun () -> $"values out of child order: %A{values}")
        | _ -> check run false (fun () -> "nothing failed and nothing was cancelled, yet the run did not succeed")
    }
