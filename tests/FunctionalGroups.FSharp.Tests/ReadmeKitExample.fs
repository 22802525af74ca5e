/// The README's "Property-testing your own groups" example in F#, as a test: the code between the markers is the
/// README's, word for word.
module FunctionalGroups.FSharp.Tests.ReadmeKitExample

open System
open System.Threading.Tasks
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.Testing

// README: F# kit example, begin
type Page = { Url: string }

// The code under test: every page at once, under the group's rules.
let fetchAll (fetch: string -> Child<Page>) (urls: string list) : Child<Page list> =
    urls |> List.map (fun url -> fetch url |> Child.named url) |> Group.all

let urls = [ "/"; "/about"; "/blog"; "/contact" ]
let fetch url = Child.ofTask (fun _ -> Task.FromResult { Url = url })

// Each fetch goes through the injector, which decides (from the generated plan) when it fails, hangs or ignores
// cancellation; every law is checked on fetchAll's outcome.
let withFaults (faults: FaultInjector) url = fetch url |> Child.toAff |> faults.Wrap |> Child.ofAff

[<Property(MaxTest = 200)>]
let ``fetch all keeps the group laws`` () =
    FaultInjection.Hold(fun faults -> fetchAll (withFaults faults) urls |> Child.toAff)
// README: F# kit example, end

/// The same laws, over generated trees of children: the library's own properties, from F#.
[<Property(MaxTest = 100)>]
let ``groups keep every law over generated plans`` () = GroupLaws.Hold(FaultPlanSizes.Default)

[<Fact>]
let ``a fetch all that keeps only the first failure breaks the laws`` () =
    // Every fetch to its end (no fail fast), then the first failure alone: what most peers report.
    let firstOnly (faults: FaultInjector) =
        urls
        |> List.map (withFaults faults)
        |> Group.settle
        |> Child.bind (fun outcomes ->
            match outcomes |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
            | Some e -> Child.fail (e.ToException())
            | None -> Child.ofValue (outcomes |> List.choose (function Ok page -> Some page | Error _ -> None)))
        |> Child.toAff
    let failure = Assert.ThrowsAny<Exception>(fun () -> Check.One(Config.QuickThrowOnFailure.WithMaxTest 200, FaultInjection.Hold firstOnly))
    Assert.Matches("EveryFailureIsReportedOnce at call #|GroupEnds: ", failure.Message)

[<Fact>]
let ``the README shows this file's code word for word`` () =
    let source = IO.File.ReadAllText(IO.Path.Combine(__SOURCE_DIRECTORY__, __SOURCE_FILE__))
    let readme = IO.File.ReadAllText(IO.Path.Combine(__SOURCE_DIRECTORY__, "..", "..", "README.md"))
    let lines = source.Split '\n'
    let first = lines |> Array.findIndex (fun line -> line.Trim() = "// README: F# kit example, begin")
    let last = lines |> Array.findIndex (fun line -> line.Trim() = "// README: F# kit example, end")
    Assert.Contains(String.concat "\n" lines[first + 1 .. last - 1], readme.ReplaceLineEndings "\n")
