namespace ImportOperator.Telemetry;

/// <summary>
/// The logging scope of one import: its namespace, name and uid, as properties every log line written inside the
/// scope carries (JSON logs show them as fields; text logs after "=>").
/// </summary>
public sealed class ImportLogScope(string? @namespace, string? name, string? uid) : IReadOnlyList<KeyValuePair<string, object?>>
{
    readonly KeyValuePair<string, object?>[] _items =
    [
        new("namespace", @namespace),
        new("name", name),
        new("uid", uid),
    ];

    public static ImportLogScope Of(string? @namespace, string? name, string? uid) => new(@namespace, name, uid);

    public KeyValuePair<string, object?> this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    // What text logs print for the scope.
    public override string ToString() => $"HeadlessImport {_items[0].Value}/{_items[1].Value} (uid {_items[2].Value})";
}
