namespace FunctionalGroups;

/// <summary>
/// One child's result as it completes, from <see cref="Group.AsCompleted{RT, A}(IEnumerable{LanguageExt.Aff{RT, A}}, RT, GroupOptions)"/>
/// and <see cref="Group.StreamUnordered{RT, T, A}(IAsyncEnumerable{T}, Func{T, LanguageExt.Aff{RT, A}}, RT, GroupOptions)"/>:
/// which child (its position in the list, or the item's position in the source, and its name if it has one) and its value.
/// </summary>
/// <typeparam name="A">The value; <c>Fin&lt;A&gt;</c> for the settle form, which hands out failures too.</typeparam>
/// <param name="Index">The child's position in the list, or the item's position in the source, from 0.</param>
/// <param name="Name">The child's name when it was given one with <c>Named</c> (a fixed list only); otherwise null.</param>
/// <param name="Value">The child's value (or, settling, its outcome).</param>
/// <example>
/// <code>
/// await foreach (var done in Group.AsCompleted(children).WithCancellation(ct))
///     Console.WriteLine($"child {done.Index} gave {done.Value}");
/// </code>
/// </example>
public readonly record struct Completed<A>(long Index, string? Name, A Value);
