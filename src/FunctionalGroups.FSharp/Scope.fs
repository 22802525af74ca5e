namespace FunctionalGroups.FSharp

/// The scope a `Group.scope` body receives: spawn children into it while the group runs (`Group.spawn`), from the body
/// or from the children, and cancel the whole group from inside (`Group.cancel`). Every rule of a group holds: the
/// scope ends only when the body and every spawned child have ended (G1).
[<Sealed>]
type Scope<'R> internal (inner: FunctionalGroups.GroupScope<FunctionalGroups.GroupRuntime, Slot<'R>>) =
    member internal _.Inner = inner

    /// True once the scope is shutting down (a failure, an outer cancel, `Group.cancel`): a spawn now is refused.
    member _.IsShuttingDown = inner.IsShuttingDown

/// A child spawned into a scope, like the task `tg.create_task` returns: `Group.join` it inside the scope, or read its
/// outcome with `Group.result` (always there after the scope ended).
[<Sealed>]
type Handle<'T> internal (inner: FunctionalGroups.ChildHandle<FunctionalGroups.GroupRuntime, Slot<'T>>) =
    member internal _.Inner = inner
