using System.Text;
using System.Text.Json;
using Jint.Native;
using Jint.Native.Object;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// A JavaScript function, generated once per engine from the schema's keys, that builds a record
/// <c>{row: {&lt;key&gt;: {value, resultValue, info}}, index, rowId}</c> from its arguments in one object literal.
/// </summary>
/// <remarks>
/// Why JavaScript: Jint builds an object literal with its property table sized for the known keys at once, while
/// adding the same properties one by one from .NET (FastSetDataProperty) grows and rehashes the table several
/// times. Measured on the 10-field benchmark record: 2.6 KB and about 1 µs per record against 7.3 KB and about
/// 4 µs. The objects are the same to a hook: plain objects, data properties that are writable, enumerable and
/// configurable, keys in schema order.
/// </remarks>
internal sealed class RecordFactory
{
    private const int ArgumentsPerCell = 3;

    private readonly Jint.Engine _engine;
    private readonly JsValue _function;
    private readonly JsValue[] _arguments;

    public RecordFactory(Jint.Engine engine, IReadOnlyList<string> keys)
    {
        _engine = engine;
        _function = engine.Evaluate(Source(keys));
        _arguments = new JsValue[keys.Count * ArgumentsPerCell + 2];
    }

    /// <summary>Sets the value, resultValue and info of the cell at <paramref name="field"/> for the next Build.</summary>
    public void SetCell(int field, JsValue value, JsValue resultValue, JsValue info)
    {
        var start = field * ArgumentsPerCell;
        _arguments[start] = value;
        _arguments[start + 1] = resultValue;
        _arguments[start + 2] = info;
    }

    /// <summary>Builds the record from the cells set since the last call.</summary>
    public ObjectInstance Build(JsValue index, JsValue rowId)
    {
        _arguments[^2] = index;
        _arguments[^1] = rowId;
        var record = (ObjectInstance)_engine.Call(_function, JsValue.Undefined, _arguments);
        // The record holds the values now; do not keep the row's strings alive until the next row.
        Array.Clear(_arguments);
        return record;
    }

    private static string Source(IReadOnlyList<string> keys)
    {
        var parameters = new StringBuilder();
        var cells = new StringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            parameters.Append($"v{i}, r{i}, i{i}, ");
            if (i > 0) cells.Append(", ");
            // A JSON string is a valid JavaScript string literal. "__proto__" written as a plain key would set the
            // prototype instead of defining a property; a computed key always defines an own property.
            var literal = JsonSerializer.Serialize(keys[i]);
            cells.Append(keys[i] == "__proto__" ? $"[{literal}]" : literal);
            cells.Append($": {{value: v{i}, resultValue: r{i}, info: i{i}}}");
        }
        return $"(function ({parameters}index, rowId) {{ return {{row: {{{cells}}}, index: index, rowId: rowId}}; }})";
    }
}
