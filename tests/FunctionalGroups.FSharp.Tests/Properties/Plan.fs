/// Generated plans of children: what each leaf does, how it is written (F# Async or task function), how groups nest
/// (Group.all, or par { and! } for three children), where the outer cancel happens and how the root is run.
module FunctionalGroups.FSharp.Tests.Properties.Plan

open FsCheck
open FsCheck.FSharp

/// What a leaf does once started.
type Kind =
    /// Yields k times, observing its token before each yield and at the end, then succeeds.
    | Succeed
    /// Yields k times, observing its token before each yield and at the end, then fails (injects).
    | Fail
    /// Ignores its token (as far as its host lets it): yields k times, then succeeds.
    | StubbornSucceed
    /// Ignores its token (as far as its host lets it): yields k times, then fails, even while cancelled.
    | StubbornFail
    /// Waits until its token is cancelled.
    | Hang
    /// Waits until its token is cancelled, then fails: its cleanup fails (G3).
    | FailOnCancel

/// How a leaf is written. An F# Async cannot ignore its token completely: F# cancels it at its next step, and a
/// value it returns once cancelled is its cancellation; an exception it raises is always its failure.
type Host =
    | AsAsync
    | AsTask

/// How a failing leaf fails: it raises, or (a task leaf) gives `Error` through `Child.ofResult`.
type Form =
    | Raises
    | ReturnsError

type Leaf =
    { Kind: Kind
      Yields: int
      Host: Host
      Form: Form
      Name: string option }

    /// True when the leaf fails by itself if it gets to its end (a FailOnCancel leaf needs a cancellation).
    member leaf.Fails = leaf.Kind = Fail || leaf.Kind = StubbornFail

    /// True when the leaf waits for its token: safe only in a group sure to be cancelled.
    member leaf.Waits = leaf.Kind = Hang || leaf.Kind = FailOnCancel

/// How a group of children is built.
type Build =
    | ViaAll
    /// `par { let! a = x and! b = y and! c = z }`: used for groups of exactly three children.
    | ViaPar

type Node =
    | Leaf of Leaf
    | Nested of children: Node list * name: string option * build: Build

/// Where the outer cancellation source is cancelled.
type Outer =
    | NoCancel
    | BeforeStart
    /// By the leaf of this depth-first index, when it starts.
    | AtLeaf of int

/// How the root group is run.
type Runner =
    | ViaTask
    | ViaAsync

/// A plan, indexed depth-first: leaves and groups numbered in start order; group 0 is the root.
type Indexed =
    | ILeaf of index: int * leaf: Leaf
    | IGroup of index: int * name: string option * build: Build * children: Indexed list

type Scenario =
    { Root: Node list
      Build: Build
      Outer: Outer
      Runner: Runner }

    /// The plan with indexes.
    member scenario.Indexed =
        let mutable leaves = 0
        let mutable groups = 0

        let rec index node =
            match node with
            | Leaf leaf ->
                leaves <- leaves + 1
                ILeaf(leaves - 1, leaf)
            | Nested(children, name, build) ->
                groups <- groups + 1
                let at = groups - 1
                IGroup(at, name, build, List.map index children)

        index (Nested(scenario.Root, None, scenario.Build))

    override scenario.ToString() = sprintf "%A" scenario

/// Every leaf with the groups above it (root first), in depth-first order.
let rec leavesOf (ancestors: int list) (node: Indexed) : (int * Leaf * int list) list =
    match node with
    | ILeaf(index, leaf) -> [ index, leaf, ancestors ]
    | IGroup(group, _, _, children) -> children |> List.collect (leavesOf (ancestors @ [ group ]))

/// Every group, in index order.
let rec groupsOf (node: Indexed) : Indexed list =
    match node with
    | ILeaf _ -> []
    | IGroup(_, _, _, children) -> node :: List.collect groupsOf children

let rec private rewrite (leaf: Leaf -> Leaf) (node: Node) : Node =
    match node with
    | Leaf l -> Leaf(leaf l)
    | Nested(children, name, build) -> Nested(List.map (rewrite leaf) children, name, build)

let private leafList (root: Node list) =
    let rec collect node =
        match node with
        | Leaf l -> [ l ]
        | Nested(children, _, _) -> List.collect collect children

    List.collect collect root

/// A scenario made safe to run: a leaf that waits for its token is kept only when the group is sure to be cancelled
/// (a leaf fails by itself, or the outer source is cancelled; a failure anywhere reaches the root and cancels the
/// whole tree, and the first failing leaf in start order always starts), else it succeeds at once; a task-only form on an Async leaf becomes `Raises`; `par` only for exactly three children; the cancelling
/// leaf's index is taken modulo the number of leaves.
let normalise (scenario: Scenario) : Scenario =
    let all = leafList scenario.Root
    let canHang = scenario.Outer <> NoCancel || all |> List.exists (fun l -> l.Fails)

    let fixLeaf (l: Leaf) =
        let l = if l.Host = AsAsync then { l with Form = Raises } else l
        if l.Waits && not canHang then { l with Kind = Succeed; Yields = 0 } else l

    let rec fixBuild node =
        match node with
        | Leaf _ -> node
        | Nested(children, name, build) ->
            Nested(List.map fixBuild children, name, (if List.length children = 3 then build else ViaAll))

    let root = scenario.Root |> List.map (rewrite fixLeaf >> fixBuild)

    let outer =
        match scenario.Outer with
        | AtLeaf at -> AtLeaf(((at % all.Length) + all.Length) % all.Length)
        | other -> other

    { scenario with
        Root = root
        Build = (if List.length root = 3 then scenario.Build else ViaAll)
        Outer = outer }

/// Weights of the leaf kinds.
type private Weights = (int * Kind) list

let private clean: Weights = [ 3, Succeed; 1, StubbornSucceed ]
let private calm: Weights = [ 4, Succeed; 2, StubbornSucceed; 2, Hang; 1, FailOnCancel ]
let private rare: Weights = [ 12, Succeed; 1, Fail; 4, StubbornSucceed; 1, StubbornFail; 4, Hang; 1, FailOnCancel ]
let private common: Weights = [ 4, Succeed; 2, Fail; 2, StubbornSucceed; 1, StubbornFail; 2, Hang; 1, FailOnCancel ]

/// How many levels of nested groups a plan may have below its root.
let maxDepth = 3

let private name =
    Gen.frequency [ 3, Gen.constant None; 1, Gen.choose (0, 99) |> Gen.map (sprintf "c%d" >> Some) ]

let private leaf (weights: Weights) =
    gen {
        let! kind = Gen.frequency [ for weight, kind in weights -> weight, Gen.constant kind ]
        let! yields = Gen.choose (0, 3)
        let! host = Gen.elements [ AsAsync; AsTask ]
        let! form = Gen.elements [ Raises; ReturnsError ]
        let! name = name

        return
            Leaf
                { Kind = kind
                  Yields = yields
                  Host = host
                  Form = form
                  Name = name }
    }

let rec private node (weights: Weights) depth : Gen<Node> =
    if depth > maxDepth then
        leaf weights
    else
        let nested =
            gen {
                let! count = Gen.frequency [ 2, Gen.constant 3; 3, Gen.choose (1, 6) ]
                let! children = Gen.listOfLength count (node weights (depth + 1))
                let! name = name
                let! build = Gen.elements [ ViaAll; ViaPar ]
                return Nested(children, name, build)
            }

        Gen.frequency [ 9, leaf weights; 1, nested ]

let private rootCount =
    Gen.frequency [ 12, Gen.choose (1, 8); 2, Gen.constant 3; 5, Gen.choose (9, 40); 2, Gen.choose (41, 199); 1, Gen.constant 200 ]

let private scenario (weights: Weights) (outer: Gen<Outer>) =
    gen {
        let! count = rootCount
        let! root = Gen.listOfLength count (node weights 1)
        let! build = Gen.elements [ ViaAll; ViaPar ]
        let! outer = outer
        let! runner = Gen.elements [ ViaTask; ViaAsync ]

        return
            normalise
                { Root = root
                  Build = build
                  Outer = outer
                  Runner = runner }
    }

/// Smaller scenarios: without the outer cancel, without one root child, with a nested root child spliced into the
/// root, with fewer yields. Each normalised again.
let shrink (s: Scenario) : Scenario seq =
    seq {
        if s.Outer <> NoCancel then
            yield normalise { s with Outer = NoCancel }

        if s.Root.Length > 1 then
            for i in 0 .. s.Root.Length - 1 do
                yield normalise { s with Root = List.removeAt i s.Root }

        for i in 0 .. s.Root.Length - 1 do
            match s.Root[i] with
            | Nested(children, _, _) ->
                yield normalise { s with Root = List.take i s.Root @ children @ List.skip (i + 1) s.Root }
            | Leaf _ -> ()

        if leafList s.Root |> List.exists (fun l -> l.Yields > 0) then
            yield normalise { s with Root = s.Root |> List.map (rewrite (fun l -> { l with Yields = max 0 (l.Yields - 1) })) }
    }

/// A scenario in which nothing fails and nothing is cancelled (for the laws about successful groups).
type CleanScenario =
    | CleanScenario of Scenario

    override this.ToString() =
        let (CleanScenario s) = this
        string s

/// The generators FsCheck uses for the properties' parameters.
type Arbitraries =
    /// Any scenario: failures common, rare or absent; an outer cancel before the start, at a leaf, or none.
    static member Scenarios() : Arbitrary<Scenario> =
        let outer =
            Gen.frequency [ 5, Gen.constant NoCancel; 1, Gen.constant BeforeStart; 5, Gen.choose (0, 1 <<< 20) |> Gen.map AtLeaf ]

        let any = Gen.elements [ calm; rare; common ] |> Gen.bind (fun weights -> scenario weights outer)
        Arb.fromGenShrink (any, shrink)

    /// Scenarios with no failing leaf, no hang and no outer cancel.
    static member CleanScenarios() : Arbitrary<CleanScenario> =
        Arb.fromGenShrink (
            scenario clean (Gen.constant NoCancel) |> Gen.map CleanScenario,
            fun (CleanScenario s) -> shrink s |> Seq.map CleanScenario
        )
