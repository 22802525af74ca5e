namespace FunctionalGroups.FSharp

open System
open System.Threading.Tasks
open LanguageExt

/// A value as the engine carries it. F#'s `()` and `None` are null at run time and LanguageExt's `Fin` refuses null,
/// so an `Aff<unit>` built naively fails; every F# child carries its value in this struct instead, which is never
/// null and costs no allocation.
[<Struct; NoEquality; NoComparison>]
type internal Slot<'T> = { Value: 'T }

/// The effect behind every F# child: an `Aff` on the shipped runtime whose value is a `Slot`.
type internal Eff<'T> = Aff<FunctionalGroups.GroupRuntime, Slot<'T>>

/// Building and combining `Eff` values. LanguageExt's `Map` and `Bind` are extension methods with many overloads;
/// they are called here with explicit delegate types, once, so the rest of the library never meets an overload.
module internal Effect =
    let succeed (value: 'T) : Eff<'T> = Eff<'T>.Success { Value = value }

    let fail (error: Common.Error) : Eff<'T> = Eff<'T>.Fail error

    let ofFunc (run: FunctionalGroups.GroupRuntime -> ValueTask<Fin<Slot<'T>>>) : Eff<'T> =
        Eff<'T>.EffectMaybe(Func<_, _> run)

    let map (f: 'T -> 'U) (effect: Eff<'T>) : Eff<'U> =
        AffExtensions.Map(effect, Func<Slot<'T>, Slot<'U>>(fun slot -> { Value = f slot.Value }))

    let bind (f: 'T -> Eff<'U>) (effect: Eff<'T>) : Eff<'U> =
        AffExtensions.Bind(effect, Func<Slot<'T>, Eff<'U>>(fun slot -> f slot.Value))

    /// Lifts a runtime-typed `Aff` whose value may be anything non-null into an `Eff`.
    let ofAff (effect: Aff<FunctionalGroups.GroupRuntime, 'T>) : Eff<'T> =
        AffExtensions.Map(effect, Func<'T, Slot<'T>>(fun value -> { Value = value }))

    /// The value boxed: children of different types side by side in one group.
    /// A named child stays one whose name the engine reads (spans, the live tree, who-cancelled-whom), as in C#'s Zip.
    let boxed (effect: Eff<'T>) : Aff<FunctionalGroups.GroupRuntime, obj> =
        FunctionalGroups.NamedChild<FunctionalGroups.GroupRuntime, Slot<'T>>.Map(effect, Func<Slot<'T>, obj>(fun slot -> slot :> obj))

    let succeeded (value: 'T) : Fin<Slot<'T>> = Fin<Slot<'T>>.Succ { Value = value }

    let failed (error: exn) : Fin<Slot<'T>> = Fin<Slot<'T>>.Fail(Common.Error.New error)

    /// An outcome as an F# `Result`: one child's entry of `Group.settle`, a handle's `Group.result`.
    let toResult (ended: Fin<Slot<'T>>) : Result<'T, Common.Error> =
        ended.Match(Func<Slot<'T>, Result<'T, Common.Error>>(fun slot -> Ok slot.Value), Func<Common.Error, Result<'T, Common.Error>>(Error))
