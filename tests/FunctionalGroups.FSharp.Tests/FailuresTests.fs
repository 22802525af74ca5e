/// except* from F#: the Failures pattern, Group.catching with On filters, GroupError.split and friends (G11).
module FunctionalGroups.FSharp.Tests.FailuresTests

open System
open System.Diagnostics
open System.IO
open System.Net.Http
open Xunit
open FunctionalGroups.FSharp
open FunctionalGroups.FSharp.Tests.Support

let private timeout1 = TimeoutException "timeout 1"
let private connection = HttpRequestException "connection"
let private timeout2 = TimeoutException "timeout 2"
let private other = InvalidOperationException "other"

/// A group that fails with four failures, one of them inside a named nested group. Validate lets every child run to
/// its end, so every failure is there, in child order, every time.
let private fourFailures () =
    let inner = Group.validate [ Child.fail timeout2; Child.fail other |> Child.named "other" ] |> Child.named "inner"

    Group.validate [ Child.fail timeout1 |> Child.named "first" |> Child.map List.singleton; Child.ofValue [ 1 ]; Child.fail connection; inner ]
    |> Child.map List.concat

let private groupOf child =
    task {
        let! result = run child
        return failed result
    }

[<Fact>]
let ``the Failures pattern takes the failures of one type and leaves the rest, nesting and names kept`` () =
    task {
        let! group = groupOf (fourFailures ())

        match group with
        | Failures(timeouts: TimeoutException list, Some rest) ->
            sameInstances [ timeout1; timeout2 ] (List.map (fun e -> e :> exn) timeouts)
            Assert.Equal(group.Total, rest.Total)
            sameInstances [ connection; other ] (GroupError.exceptions rest)

            match GroupError.errors rest with
            | [ first; Named("inner", (:? GroupError as inner)) ] ->
                Assert.Same(connection, first.ToException())

                match GroupError.errors inner with
                | [ Named("other", own) ] -> Assert.Same(other, own.ToException())
                | entries -> failwithf "the nested group lost its named entry: %A" entries
            | entries -> failwithf "the rest lost its shape: %A" entries
        | _ -> failwith "the pattern did not take the timeouts"
    }

[<Fact>]
let ``the Failures pattern gives no rest when every failure matched, and does not match when none did`` () =
    task {
        let! group = groupOf (fourFailures ())

        let every =
            match group with
            | Failures(all: exn list, None) -> List.length all
            | _ -> -1

        let none =
            match group with
            | Failures(_: ArgumentException list, _) -> "matched"
            | _ -> "not matched"

        Assert.Equal(4, every)
        Assert.Equal("not matched", none)
    }

[<Fact>]
let ``the Failures pattern also takes LanguageExt error types`` () =
    task {
        let refused = Child.ofAff (LanguageExt.Aff<FunctionalGroups.GroupRuntime, int>.Fail SpawnRefusedError.Finished)
        let! group = groupOf (Group.validate [ refused; Child.fail other ])

        match group with
        | Failures(errors: SpawnRefusedError list, Some rest) ->
            Assert.Equal<SpawnRefusedError list>([ SpawnRefusedError.Finished ], errors)
            sameInstances [ other ] (GroupError.exceptions rest)
        | _ -> failwith "the pattern did not take the refused spawn"
    }

[<Fact>]
let ``an annotated Failures pattern takes only its type: an InvalidOperationException is not a timeout`` () =
    task {
        let! group = groupOf (Group.validate [ Child.fail other; Child.ofValue 1 ])

        let taken =
            match group with
            | Failures(_: TimeoutException list, _) -> "timeouts"
            | Failures(_: HttpRequestException list, _) -> "connection errors"
            | Failures(errors: SpawnRefusedError list, _) -> sprintf "%d refused" errors.Length
            | Failures(others: InvalidOperationException list, None) -> sprintf "%d invalid" others.Length
            | _ -> "nothing"

        Assert.Equal("1 invalid", taken)
        Assert.True((GroupError.failuresOf<TimeoutException> group).IsNone)

        match GroupError.failuresOf<exn> group with
        | Some(every, None) -> sameInstances [ other ] every
        | taken -> failwithf "exn should take every failure, took %A" taken
    }

/// Type-checks an F# script against the built library with `dotnet fsi` (the SDK that runs these tests), giving its
/// exit code and its output.
let private typeCheck (body: string) =
    let here = AppContext.BaseDirectory
    let reference name = sprintf "#r @\"%s\"" (Path.Combine(here, name))

    let script =
        String.concat
            "\n"
            [ reference "LanguageExt.Core.dll"
              reference "FunctionalGroups.dll"
              reference "FunctionalGroups.FSharp.dll"
              "open System"
              "open FunctionalGroups.FSharp"
              body ]

    let directory = Directory.CreateTempSubdirectory "fsharp-failures-"

    try
        let path = Path.Combine(directory.FullName, "check.fsx")
        File.WriteAllText(path, script)

        let dotnet =
            match Environment.GetEnvironmentVariable "DOTNET_HOST_PATH" with
            | null
            | "" -> "dotnet"
            | host -> host

        let start = ProcessStartInfo(dotnet, [ "fsi"; "--quiet"; "--exec"; path ])
        start.WorkingDirectory <- directory.FullName
        start.RedirectStandardOutput <- true
        start.RedirectStandardError <- true
        use fsi =
            match Process.Start start with
            | null -> failwith "dotnet fsi did not start"
            | started -> started

        let output = fsi.StandardOutput.ReadToEndAsync()
        let errors = fsi.StandardError.ReadToEnd()
        fsi.WaitForExit()
        fsi.ExitCode, output.Result + errors
    finally
        directory.Delete true

/// Issue 15: an unannotated `Failures` used to infer `obj` and match every failure (an InvalidOperationException was
/// "matched" as if it were what the code meant). The pattern now requires a type with a `Message` (an exception, a
/// LanguageExt error), which `obj` is not, so F# refuses the unannotated form:
///   error FS0071: Type constraint mismatch when applying the default type 'obj' for a type inference variable.
///   'FailurePatterns.|Failures|_|' does not support the type 'obj', because the latter lacks the required (real or
///   built-in) member 'get_Message'
/// (F# 10, .NET SDK 10.0.401). This fact compiles both forms with the SDK's F# compiler: the annotated one as a control.
[<Fact>]
let ``a Failures pattern with no type annotation does not compile; an annotated one does`` () =
    let matching pattern =
        String.concat
            "\n"
            [ "let count (group: FunctionalGroups.GroupError) ="
              "    match group with"
              sprintf "    | %s -> List.length failures" pattern
              "    | _ -> 0" ]

    let annotatedCode, annotatedOutput = typeCheck (matching "Failures(failures: TimeoutException list, _)")
    Assert.True((annotatedCode = 0), sprintf "the annotated pattern should compile:\n%s" annotatedOutput)

    let code, output = typeCheck (matching "Failures(failures, _)")
    Assert.NotEqual(0, code)
    Assert.Contains("FS0071", output)
    Assert.Contains("get_Message", output)

[<Fact>]
let ``Group.catching chains like consecutive except* clauses`` () =
    task {
        let seen = ResizeArray<string>()

        let note label (group: GroupError) =
            seen.Add(sprintf "%s: %d" label group.Leaves.Count)
            [ 0 ]

        let handled =
            fourFailures ()
            |> Group.catching On.exn<TimeoutException> (note "timeouts")
            |> Group.catching On.exn<HttpRequestException> (note "connection")
            |> Group.catching On.any (note "others")

        let! result = run handled
        Assert.Equal<int list>([ 0 ], ok result)
        Assert.Equal<string list>([ "timeouts: 2"; "connection: 1"; "others: 1" ], List.ofSeq seen)
    }

[<Fact>]
let ``Group.catching leaves the rest failing, and passes a cancellation through untouched`` () =
    task {
        let handled = fourFailures () |> Group.catching On.exn<TimeoutException> (fun _ -> [])
        let! result = run handled
        sameInstances [ connection; other ] (GroupError.exceptions (failed result))

        use caller = new Threading.CancellationTokenSource()
        caller.Cancel()
        let mutable called = false
        let quiet = Group.all [ Child.ofValue 1 ] |> Group.catching On.any (fun _ -> called <- true; [])
        let running = runAsyncWith caller.Token quiet
        let! _ = Assert.ThrowsAnyAsync<OperationCanceledException>(fun () -> running :> Threading.Tasks.Task)
        Assert.False called
    }

[<Fact>]
let ``Group.catchingWith takes a child as handler, whose failure joins the rest`` () =
    task {
        let handlerFailed = ArgumentException "handler"

        let handled =
            fourFailures ()
            |> Group.catchingWith On.exn<TimeoutException> (fun _ -> Child.fail handlerFailed)

        let! result = run handled
        sameInstances [ connection; other; handlerFailed ] (GroupError.exceptions (failed result))
    }

[<Fact>]
let ``On filters: by name, by error value, by predicate, either`` () =
    task {
        let! group = groupOf (fourFailures ())

        let taken filter =
            match GroupError.split filter group with
            | Some matched, _ -> GroupError.exceptions matched
            | None, _ -> []

        sameInstances [ timeout2; other ] (taken (On.named "inner"))
        sameInstances [ timeout1 ] (taken (On.named "first"))
        sameInstances [ connection; other ] (taken (On.exn<HttpRequestException> |> On.either On.exn<InvalidOperationException>))
        sameInstances [ connection ] (taken (On.where (fun e -> e.Message = "connection")))
        Assert.Empty(taken On.timedOut)

        let rest = GroupError.split On.any group
        Assert.True((snd rest).IsNone)
    }

[<Fact>]
let ``GroupError helpers give F# lists: entries, leaves (names kept), exceptions`` () =
    task {
        let! group = groupOf (fourFailures ())
        Assert.Equal(3, (GroupError.errors group).Length)
        let leaves = GroupError.leaves group
        Assert.Equal(4, leaves.Length)

        let names =
            leaves
            |> List.choose (fun leaf ->
                match leaf with
                | Named(name, _) -> Some name
                | _ -> None)

        Assert.Equal<string list>([ "first"; "other" ], names)
        sameInstances [ timeout1; connection; timeout2; other ] (GroupError.exceptions group)
    }

[<Fact>]
let ``the Exn pattern reads one settled outcome, through its name`` () =
    task {
        let! result = run (Group.settle [ Child.fail timeout1 |> Child.named "slow"; Child.ofValue 2 ])

        let read outcome =
            match outcome with
            | Ok value -> string value
            | Error(Exn(timeout: TimeoutException)) -> "timeout: " + timeout.Message
            | Error other -> "other: " + other.Message

        Assert.Equal<string list>([ "timeout: timeout 1"; "2" ], ok result |> List.map read)
    }
