using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>The record keys (field keys in schema order) and their positions in a row.</summary>
internal sealed class HookFields
{
    private readonly Dictionary<string, int> _indexByKey = new(StringComparer.Ordinal);

    public HookFields(IReadOnlyList<FieldDefinition> fields)
    {
        var keys = new string[fields.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = fields[i].Key;
            _indexByKey.TryAdd(keys[i], i);
        }
        Keys = keys;
        KeyList = string.Join(", ", keys);
    }

    public IReadOnlyList<string> Keys { get; }

    /// <summary>The keys joined for messages.</summary>
    public string KeyList { get; }

    public bool TryGetIndex(string key, out int index) => _indexByKey.TryGetValue(key, out index);
}
