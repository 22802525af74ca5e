/// The F# face's public surface, tracked as the C# library's is by PublicAPI.*.txt: every public type and member of
/// FunctionalGroups.FSharp, read by reflection, must equal the reviewed list in FunctionalGroups.FSharp.surface.txt.
/// A change to the surface is then a visible diff of that file in the same commit.
module FunctionalGroups.FSharp.Tests.SurfaceAreaTests

open System
open System.IO
open System.Reflection
open Xunit

let private baseline = Path.Combine(__SOURCE_DIRECTORY__, "FunctionalGroups.FSharp.surface.txt")

let private kind (t: Type) =
    if t.IsInterface then "interface"
    elif t.IsEnum then "enum"
    elif t.IsValueType then "struct"
    elif typeof<Delegate>.IsAssignableFrom t then "delegate"
    elif t.IsAbstract && t.IsSealed then "static class" // an F# module
    elif t.IsAbstract then "abstract class"
    elif t.IsSealed then "sealed class"
    else "class"

let private describe (t: Type) : string seq =
    let flags = BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly
    let baseName = if isNull t.BaseType || t.BaseType = typeof<obj> then "" else " : " + string t.BaseType
    let header = $"{t.FullName} ({kind t}){baseName}"
    let members =
        t.GetMembers flags
        |> Seq.filter (fun m -> m.MemberType <> MemberTypes.NestedType)
        |> Seq.map (fun m ->
            let isStatic =
                match m with
                | :? MethodBase as mb -> mb.IsStatic
                | :? PropertyInfo as p -> (p.GetAccessors() |> Array.exists (fun a -> a.IsStatic))
                | :? FieldInfo as f -> f.IsStatic
                | :? EventInfo as e ->
                    match e.AddMethod with
                    | null -> false
                    | add -> add.IsStatic
                | _ -> false
            let memberKind = m.MemberType.ToString().ToLowerInvariant() + (if isStatic then " static" else "")
            $"{t.FullName}: {memberKind} {m}")
    Seq.append [ header ] members

/// Every public type of the assembly (nested ones included) and its public members, one per line, sorted.
let surface () =
    typeof<FunctionalGroups.FSharp.GroupOptions>.Assembly.GetExportedTypes()
    |> Seq.collect describe
    |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b))
    |> String.concat "\n"
    |> fun text -> text + "\n"

[<Fact>]
let ``The public surface of FunctionalGroups.FSharp is the reviewed one`` () =
    let actual = surface ()
    if Environment.GetEnvironmentVariable "UPDATE_SURFACE_AREA" = "1" then File.WriteAllText(baseline, actual)
    let expected = if File.Exists baseline then File.ReadAllText(baseline).ReplaceLineEndings("\n") else ""
    if actual <> expected then
        let lines (s: string) = s.Split('\n', StringSplitOptions.RemoveEmptyEntries) |> Set.ofArray
        let added = Set.difference (lines actual) (lines expected) |> Seq.map ((+) "  + ")
        let removed = Set.difference (lines expected) (lines actual) |> Seq.map ((+) "  - ")
        let diff = Seq.append removed added |> String.concat "\n"
        failwith (
            "The public surface of FunctionalGroups.FSharp changed (a change users will see):\n" + diff + "\n"
            + "If the change is meant, update the baseline and commit it with the change: run\n"
            + "  UPDATE_SURFACE_AREA=1 dotnet test tests/FunctionalGroups.FSharp.Tests --filter SurfaceArea\n"
            + $"and review the diff of {baseline} (add a CHANGELOG entry when it breaks users)."
        )
