namespace FunctionalGroups.FSharp

open System

/// Conversions from LanguageExt's collections; internal, so no user code needs `open LanguageExt`.
module internal Lx =
    /// `ValueOption.toOption`, which FSharp.Core 6.0 (the package's floor) does not have yet.
    let ofValueOption (value: 'T voption) : 'T option =
        match value with
        | ValueSome v -> Some v
        | ValueNone -> None

    /// (Through a struct option: LanguageExt's `Match` refuses a null result, and F#'s `None` is null at run time.)
    let toOption (option: LanguageExt.Option<'T>) : 'T option =
        option.Match(Func<'T, 'T voption>(ValueSome), Func<'T voption>(fun () -> ValueNone)) |> ofValueOption

    let split (split: struct (LanguageExt.Option<GroupError> * LanguageExt.Option<GroupError>)) =
        let struct (matched, unmatched) = split
        toOption matched, toOption unmatched

    /// The child's own exception or error as an `'E`, looking through names; `ValueNone` when it is not one.
    let inline typed<'E> (leaf: LanguageExt.Common.Error) : 'E voption =
        let own = FunctionalGroups.NamedError.Unnamed leaf

        match box own with
        | :? 'E as error -> ValueSome error
        | _ ->
            match own with
            | :? LanguageExt.Common.Exceptional ->
                match box (own.ToException()) with
                | :? 'E as thrown -> ValueSome thrown
                | _ -> ValueNone
            | _ -> ValueNone

/// Reading a `GroupError` from F#: its entries and leaves as F# lists, and `except*` as a function.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module GroupError =
    /// The entries, in child order: one per failing child (a failing nested group is one entry: rule G6).
    let errors (group: GroupError) : LanguageExt.Common.Error list = List.ofSeq group.Errors

    /// Every failure with nested groups flattened, in depth-first child order; names are kept.
    let leaves (group: GroupError) : LanguageExt.Common.Error list = List.ofSeq group.Leaves

    /// Every leaf as the exception the child raised (names stripped); an expected error becomes LanguageExt's
    /// `ExpectedException`.
    let exceptions (group: GroupError) : exn list =
        group.Leaves
        |> Seq.map (fun leaf -> FunctionalGroups.NamedError.Unnamed(leaf).ToException())
        |> List.ofSeq

    /// Splits the group like Python's `ExceptionGroup.split`: the failures `filter` takes, and the rest. Both parts
    /// keep the nesting, the names and the total; a part with no failure is `None`.
    /// <example><code>let timeouts, rest = group |> GroupError.split On.exn&lt;TimeoutException&gt;</code></example>
    let split (filter: ErrorFilter) (group: GroupError) : GroupError option * GroupError option =
        Lx.split (group.Split filter)

    /// The failures whose exception (or LanguageExt error) is an `'E`, looking through names and nesting, as a list in
    /// child order, and the rest of the group (`None` when every failure was an `'E`), nesting and names kept; `None`
    /// when no failure is an `'E`. The function behind the `Failures` pattern; the type argument must be written.
    /// <example><code>GroupError.failuresOf&lt;TimeoutException&gt; group</code></example>
    [<RequiresExplicitTypeArguments>]
    let failuresOf<'E> (group: GroupError) : ('E list * GroupError option) option =
        match Lx.split (group.Split(Func<LanguageExt.Common.Error, bool>(fun leaf -> (Lx.typed<'E> leaf).IsSome))) with
        | None, _ -> None
        | Some matched, rest -> Some(matched.Leaves |> Seq.choose (Lx.typed<'E> >> Lx.ofValueOption) |> List.ofSeq, rest)

/// Active patterns over failures, opened with the namespace.
[<AutoOpen>]
module FailurePatterns =
    /// `except*` as a pattern: the failures whose exception (or LanguageExt error) is an `'E`, looking through names and
    /// nesting, as a list in child order, and the rest of the group (`None` when every failure was an `'E`), nesting
    /// and names kept. The type comes from an annotation in the pattern, and must: it is an exception or a LanguageExt
    /// error (a type with a `Message`), so a pattern with no annotation, which F# would read as `obj` and match every
    /// failure, does not compile (FS0071: "the type 'obj' does not support the operator 'get_Message'"). To take
    /// every failure, annotate `exn list`.
    /// <example><code>
    /// match group with
    /// | Failures (timeouts: TimeoutException list, None) -> printfn "only %d timeouts" timeouts.Length
    /// | Failures (timeouts: TimeoutException list, Some rest) -> printfn "%d timeouts, and:\n%O" timeouts.Length rest
    /// | other -> printfn "%O" other
    /// </code></example>
    let inline (|Failures|_|) (group: GroupError) : (^E list * GroupError option) option
        when ^E: (member Message: string) =
        GroupError.failuresOf<^E> group

    /// A named child's failure: its name and its own error.
    /// <example><code>| Named (name, error) -> printfn "%s: %s" name error.Message</code></example>
    let (|Named|_|) (error: LanguageExt.Common.Error) : (string * LanguageExt.Common.Error) option =
        match error with
        | :? NamedError as named -> Some(named.Name, named.Error)
        | _ -> None

    /// The exception a child raised, as an `'E`, looking through names: for one entry of `Group.settle`, say.
    /// <example><code>| Error (Exn (timeout: TimeoutException)) -> printfn "timed out: %s" timeout.Message</code></example>
    let (|Exn|_|) (error: LanguageExt.Common.Error) : 'E option when 'E :> exn = Lx.typed<'E> error |> Lx.ofValueOption
