namespace FunctionalGroups.FSharp

open System
open System.Threading
open System.Threading.Tasks

/// Running a child to an F# outcome.
module internal Run =
    /// What a run ended with: a result, or the caller's own cancellation (rule G7).
    [<Struct; NoEquality; NoComparison>]
    type Outcome<'T> =
        | Ended of Result<'T, GroupError>
        | Cancelled

    /// Starts the child on a fresh runtime linked to `token`; the link and its source are disposed before the run's
    /// value completes (the C# `RunAsync`).
    let start (token: CancellationToken) (child: Child<'T>) : ValueTask<LanguageExt.Fin<Slot<'T>>> =
        FunctionalGroups.RunExtensions.RunAsync(Child.effect child, token)

    /// Reads a run's `Fin`. A group's failure is its `GroupError`. A cancellation (rule G13) while `token` is cancelled
    /// is the caller's cancellation. Any other failure (a lone child's, a group's timeout with no other failure) comes as
    /// a group of one entry, so that every failure is a `GroupError` (rule G4).
    let outcome (token: CancellationToken) (ended: LanguageExt.Fin<Slot<'T>>) : Outcome<'T> =
        ended.Match(
            Func<Slot<'T>, Outcome<'T>>(fun slot -> Ended(Ok slot.Value)),
            Func<LanguageExt.Common.Error, Outcome<'T>>(fun error ->
                match error with
                | :? GroupError as group -> Ended(Error group)
                | _ when token.IsCancellationRequested && FunctionalGroups.Engine.Cancellation.IsCancellation error ->
                    Cancelled
                | _ -> Ended(Error(GroupError(LanguageExt.Prelude.Seq1 error, 1))))
        )

    /// Starts a run when the Async reaches it and waits for its end, however long: F#'s cancellation of the caller
    /// never abandons it (rule G1); the run sees the cancellation through its token instead. If the caller is
    /// cancelled before this step, F# does not invoke it and nothing starts (G7).
    let joined (start: unit -> ValueTask<'T>) : Async<'T> =
        Async.FromContinuations(fun (ok, fail, _) ->
            let awaiter = (start ()).ConfigureAwait(false).GetAwaiter()

            let finish () =
                match (try Choice1Of2(awaiter.GetResult()) with error -> Choice2Of2 error) with
                | Choice1Of2 value -> ok value
                | Choice2Of2 error -> fail error

            if awaiter.IsCompleted then finish () else awaiter.UnsafeOnCompleted(Action finish))

    /// Ends the calling Async as cancelled, the way F# reports cancellation.
    let cancelled (token: CancellationToken) : Async<'T> =
        Async.FromContinuations(fun (_, _, cancel) -> cancel (OperationCanceledException token))

    let runAsync (child: Child<'T>) : Async<Result<'T, GroupError>> =
        async {
            let! token = Async.CancellationToken
            let! ended = joined (fun () -> start token child)

            match outcome token ended with
            | Cancelled -> return! cancelled token
            // F# turns any value of an Async whose token is cancelled into its cancellation, which would drop these
            // failures: raised instead, they survive it (G3, and G7: a real failure wins over the cancel).
            | Ended(Error group) when token.IsCancellationRequested -> return raise (GroupException group)
            | Ended result -> return result
        }

    let runTask (token: CancellationToken) (child: Child<'T>) : Task<Result<'T, GroupError>> =
        task {
            let! ended = (start token child).ConfigureAwait(false)

            match outcome token ended with
            | Cancelled -> return raise (OperationCanceledException token)
            | Ended result -> return result
        }
