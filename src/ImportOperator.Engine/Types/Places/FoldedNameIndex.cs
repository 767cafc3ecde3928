using System.Collections.Frozen;

namespace ImportOperator.Engine.Types;

/// <summary>
/// Looks names and codes up by their <see cref="TextFolding"/> key, so that case, accents, spaces and
/// punctuation do not matter ("U.S.A." = "usa", "Côte d’Ivoire" = "cote divoire"). A leading "the" is ignored
/// ("The Netherlands"). Lookups fold into a stack buffer and allocate nothing.
/// </summary>
internal sealed class FoldedNameIndex<TEntry> where TEntry : class
{
    private readonly FrozenDictionary<string, TEntry>.AlternateLookup<ReadOnlySpan<char>> _byKey;

    /// <summary>Builds the index; a key claimed by two entries is a bug in the table and throws.</summary>
    public FoldedNameIndex(IEnumerable<(string Name, TEntry Entry)> names)
    {
        var byKey = new Dictionary<string, TEntry>(StringComparer.Ordinal);
        foreach (var (name, entry) in names)
        {
            var key = TextFolding.Fold(name);
            if (byKey.TryGetValue(key, out var existing) && !ReferenceEquals(existing, entry))
                throw new InvalidOperationException($"The name '{name}' is listed for two entries.");
            byKey[key] = entry;
        }
        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryFind(ReadOnlySpan<char> text, out TEntry entry)
    {
        Span<char> key = stackalloc char[TextFolding.MaxKeyLength];
        if (!TextFolding.TryFold(text, key, out var length) || length == 0)
        {
            entry = null!;
            return false;
        }
        if (_byKey.TryGetValue(key[..length], out entry!)) return true;
        return length > 3 && key.StartsWith("the") && _byKey.TryGetValue(key[3..length], out entry!);
    }
}
