namespace FunctionalGroups.FSharp

open System.Collections.Generic

/// An `IAsyncEnumerable` whose elements are mapped as they are read (the F# face's values travel in a `Slot`); the
/// library takes no dependency on TaskSeq or AsyncSeq for this one map. Enumerating it enumerates the inner stream
/// (a run of its own each time, G8); disposing it disposes the inner enumerator (S5).
[<Sealed>]
type internal MappedStream<'A, 'B>(inner: IAsyncEnumerable<'A>, f: 'A -> 'B) =
    interface IAsyncEnumerable<'B> with
        member _.GetAsyncEnumerator(cancellationToken) =
            let items = inner.GetAsyncEnumerator(cancellationToken)

            { new IAsyncEnumerator<'B> with
                member _.Current = f items.Current
                member _.MoveNextAsync() = items.MoveNextAsync()
                member _.DisposeAsync() = items.DisposeAsync() }

module internal AsyncStream =
    let map (f: 'A -> 'B) (inner: IAsyncEnumerable<'A>) : IAsyncEnumerable<'B> = MappedStream(inner, f)
