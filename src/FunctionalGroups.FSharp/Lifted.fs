namespace FunctionalGroups.FSharp

open System
open System.Threading
open System.Threading.Tasks
open System.Threading.Tasks.Sources

/// How a lifted child's value reaches the engine: in a `Slot` (a child of its own group), or boxed in a `Slot` (one
/// source of an `and!`, in a group of sources of different types). One function per value type, made once.
[<Sealed>]
type internal Shapes<'T> private () =
    static let slot: 'T -> Slot<'T> = fun value -> { Value = value }
    static let boxed: 'T -> obj = fun value -> box { Value = value }
    static let same: 'T -> 'T = id

    // A value type other than Nullable is never null: LanguageExt can carry it as it is, with no Slot.
    static let bare = typeof<'T>.IsValueType && isNull (Nullable.GetUnderlyingType typeof<'T>)
    static member Slot = slot
    static member Boxed = boxed
    static member Same = same

    /// True when a `'T` is never null, so that a group of lifted children can give the engine their values as they
    /// are (no Slot, and a task's own `ValueTask`: no wrapper per run).
    static member Bare = bare

/// One run of an F# `Async` as the `ValueTask` the engine waits for: the run's continuations complete it. Made per
/// run (rule G8: the child is a value; every run starts the Async afresh). Its core honours what an awaiter asks (the
/// engine asks for no context). It completes its continuation inline, as the `TaskCompletionSource` it replaces did.
[<Sealed>]
type internal AsyncRun<'T, 'R>(shape: 'T -> 'R) =
    [<DefaultValue(false)>]
    val mutable private core: ManualResetValueTaskSourceCore<'R>

    member this.Succeed(value: 'T) : unit = this.core.SetResult(shape value)

    /// An exception the Async raised, or its cancellation (an `OperationCanceledException`): the engine reads the
    /// latter as a cancellation only when the group's token is cancelled (rule G13), as it always did.
    member this.Fail(error: exn) : unit = this.core.SetException error

    member this.Cancel(cancelled: OperationCanceledException) : unit = this.core.SetException cancelled

    member this.Running : ValueTask<'R> = ValueTask<'R>(this :> IValueTaskSource<'R>, this.core.Version)

    interface IValueTaskSource<'R> with
        member this.GetStatus(token) = this.core.GetStatus token
        member this.GetResult(token) = this.core.GetResult token
        member this.OnCompleted(continuation, state, token, flags) = this.core.OnCompleted(continuation, state, token, flags)

/// A running task read as the `ValueTask` the engine waits for, its value shaped on the way (no async state machine:
/// the status, the value and the continuation are the task's own). Its continuation runs with no context, as the
/// engine and `TaskChild.Run` ask (`ConfigureAwait(false)`); the execution context flows when asked. A fault with
/// several exceptions (a task that awaited `Task.WhenAll`) gives them all, in their `AggregateException`, where
/// `await` would give the first (rule G3).
[<AbstractClass>]
type internal AwaitedTask<'R>(running: Task) =
    abstract Read: unit -> 'R

    interface IValueTaskSource<'R> with
        member _.GetStatus(_) =
            if not running.IsCompleted then ValueTaskSourceStatus.Pending
            elif running.IsCompletedSuccessfully then ValueTaskSourceStatus.Succeeded
            elif running.IsCanceled then ValueTaskSourceStatus.Canceled
            else ValueTaskSourceStatus.Faulted

        member this.GetResult(_) =
            match running.Exception with
            | null -> this.Read()
            | several when several.InnerExceptions.Count > 1 -> raise several
            | _ -> this.Read()

        member _.OnCompleted(continuation, state, _, flags) =
            let awaiter = running.ConfigureAwait(false).GetAwaiter()
            let resume = Action(fun () -> continuation.Invoke state)

            if flags.HasFlag ValueTaskSourceOnCompletedFlags.FlowExecutionContext then
                awaiter.OnCompleted resume
            else
                awaiter.UnsafeOnCompleted resume

[<Sealed>]
type internal AwaitedValue<'T, 'R>(running: Task<'T>, shape: 'T -> 'R) =
    inherit AwaitedTask<'R>(running)
    override _.Read() = shape (running.GetAwaiter().GetResult())

[<Sealed>]
type internal AwaitedUnit<'R>(running: Task, shape: unit -> 'R) =
    inherit AwaitedTask<'R>(running)

    override _.Read() =
        running.GetAwaiter().GetResult()
        shape ()

/// Starting .NET tasks as the engine's `ValueTask`s.
module internal Started =
    /// A task function that returned null instead of a task: a failure of its child, not a crash (rule G12).
    let returnedNull<'R> () : ValueTask<'R> =
        ValueTask<'R>(Task.FromException<'R>(InvalidOperationException "The child's task function returned null instead of a task."))

    let task (running: Task<'T>) (shape: 'T -> 'R) : ValueTask<'R> =
        if isNull (box running) then returnedNull ()
        elif running.IsCompletedSuccessfully then ValueTask<'R>(shape running.Result)
        else
            let awaited = AwaitedValue(running, shape)
            ValueTask<'R>(awaited :> IValueTaskSource<'R>, 0s)

    let unitTask (running: Task) (shape: unit -> 'R) : ValueTask<'R> =
        if isNull (box running) then returnedNull ()
        elif running.IsCompletedSuccessfully then ValueTask<'R>(shape ())
        else
            let awaited = AwaitedUnit(running, shape)
            ValueTask<'R>(awaited :> IValueTaskSource<'R>, 0s)

    /// The task as it is: the engine reads its status, value and every exception itself.
    let bare (running: Task<'T>) : ValueTask<'T> =
        if isNull (box running) then returnedNull () else ValueTask<'T>(running)

    let valueTask (running: ValueTask<'T>) (shape: 'T -> 'R) : ValueTask<'R> =
        if running.IsCompletedSuccessfully then ValueTask<'R>(shape running.Result) else task (running.AsTask()) shape

    let unitValueTask (running: ValueTask) (shape: unit -> 'R) : ValueTask<'R> =
        if running.IsCompletedSuccessfully then ValueTask<'R>(shape ()) else unitTask (running.AsTask()) shape

/// A child lifted from an F# Async or a task function: the engine sees it through its effect (a C# `TaskChild`) and
/// starts it itself, with no LanguageExt machinery (the lifted-child fast path of `Group.all`, `par { }`, ...). It is
/// a value: each run starts the work afresh (rule G8).
[<AbstractClass>]
type internal Lifted<'T>() =
    inherit FunctionalGroups.TaskChild<FunctionalGroups.GroupRuntime, Slot<'T>>()

    /// Starts the work with `token`; its value boxed in a `Slot` (a source of an `and!` group).
    abstract Boxed: CancellationToken -> ValueTask<obj>

    /// Starts the work with `token`; its value as it is (only when `Shapes<'T>.Bare`: LanguageExt refuses null).
    abstract Bare: CancellationToken -> ValueTask<'T>

/// `Child.ofAsync`: started like `Async.StartImmediate`, on the starting thread up to its first asynchronous step,
/// with the group's token as its cancellation token.
[<Sealed>]
type internal LiftedAsync<'T>(computation: Async<'T>) =
    inherit Lifted<'T>()

    member private _.Begin(token: CancellationToken, shape: 'T -> 'R) : ValueTask<'R> =
        let run = AsyncRun<'T, 'R>(shape)
        Async.StartWithContinuations(computation, run.Succeed, run.Fail, run.Cancel, token)
        run.Running

    override this.Start(token) = this.Begin(token, Shapes<'T>.Slot)
    override this.Boxed(token) = this.Begin(token, Shapes<'T>.Boxed)
    override this.Bare(token) = this.Begin(token, Shapes<'T>.Same)

/// `Child.ofTask`.
[<Sealed>]
type internal LiftedTask<'T>(start: CancellationToken -> Task<'T>) =
    inherit Lifted<'T>()
    override _.Start(token) = Started.task (start token) Shapes<'T>.Slot
    override _.Boxed(token) = Started.task (start token) Shapes<'T>.Boxed
    override _.Bare(token) = Started.bare (start token)

/// `Child.ofValueTask`.
[<Sealed>]
type internal LiftedValueTask<'T>(start: CancellationToken -> ValueTask<'T>) =
    inherit Lifted<'T>()
    override _.Start(token) = Started.valueTask (start token) Shapes<'T>.Slot
    override _.Boxed(token) = Started.valueTask (start token) Shapes<'T>.Boxed
    override _.Bare(token) = start token

/// `Child.ofUnitTask`.
[<Sealed>]
type internal LiftedUnitTask(start: CancellationToken -> Task) =
    inherit Lifted<unit>()
    override _.Start(token) = Started.unitTask (start token) Shapes<unit>.Slot
    override _.Boxed(token) = Started.unitTask (start token) Shapes<unit>.Boxed
    override _.Bare(token) = Started.unitTask (start token) Shapes<unit>.Same

/// `Child.ofUnitValueTask`.
[<Sealed>]
type internal LiftedUnitValueTask(start: CancellationToken -> ValueTask) =
    inherit Lifted<unit>()
    override _.Start(token) = Started.unitValueTask (start token) Shapes<unit>.Slot
    override _.Boxed(token) = Started.unitValueTask (start token) Shapes<unit>.Boxed
    override _.Bare(token) = Started.unitValueTask (start token) Shapes<unit>.Same

/// A lifted child as one source of an `and!` group (whose children are boxed): still on the fast path.
[<Sealed>]
type internal BoxedLifted<'T>(lifted: Lifted<'T>) =
    inherit FunctionalGroups.TaskChild<FunctionalGroups.GroupRuntime, obj>()
    override _.Start(token) = lifted.Boxed token

/// A lifted child whose values are never null, in a group that takes them as they are (`Group.all` of a value type):
/// on the fast path, and a task child's task goes to the engine with no wrapper.
[<Sealed>]
type internal BareLifted<'T>(lifted: Lifted<'T>) =
    inherit FunctionalGroups.TaskChild<FunctionalGroups.GroupRuntime, 'T>()
    override _.Start(token) = lifted.Bare token
