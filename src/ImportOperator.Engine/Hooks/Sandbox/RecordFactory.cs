using System.Text;
using System.Text.Json;
using Jint.Native;
using ImportOperator.Engine.Rows;
using Jint.Native.Object;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Builds records <c>{row: {&lt;key&gt;: {value, resultValue, info}}, index, rowId}</c> from cell values: straight
/// into Jint's hidden-class objects (<see cref="JsObjectLayout"/>) when the schema's keys allow it, otherwise with a
/// JavaScript function generated once per engine that builds the record in one object literal.
/// </summary>
/// <remarks>
/// Why not FastSetDataProperty from .NET: that grows and rehashes each object's property table several times
/// (measured on the 10-field benchmark record: 7.3 KB and about 4 µs per record). The object literal sizes its table
/// at once (2.6–3.0 KB, 5–9 µs with the hook's own work on the loaded bench machine); a layout skips the call into
/// the interpreter and shares one hidden class per engine (the same bytes, 1.5–4 µs less per record in the same
/// probe). A layout cannot hold a key that starts with a digit (those enumerate first, in numeric order) or more
/// keys than a hidden class describes; such schemas keep the function. The objects are the same to a hook either
/// way: plain objects, data properties that are writable, enumerable and configurable, keys in schema order.
/// </remarks>
internal sealed class RecordFactory
{
    private const int ArgumentsPerCell = 3;

    // A cell's info is an array a hook may change, so each cell needs its own, and ten empty arrays were 17 % of
    // the bytes a row-hook import allocated. The slot is lazy: the array is made when something observes it (a
    // read, JSON.stringify, a descriptor), from the messages handed over as the cell's state; a hook that only
    // writes it never makes one. Reading back, RecordCodec must not make one either: see NotObservedInfo.
    private static readonly JsObjectLayout CellLayout = JsObjectLayout.CreateBuilder()
        .Add("value").Add("resultValue")
        .AddLazy("info", static (cell, state) =>
            ReferenceEquals(cell, InfoReadBack.Cell) && state is not List<CellMessage> { Count: > 0 }
                ? InfoReadBack.EmptyMarker!
                : JsCells.InfoToJs(cell.Engine, (List<CellMessage>?)state))
        .Build();

    private static readonly JsObjectLayout RecordLayout = new("row", "index", "rowId");

    /// <summary>
    /// Set on the engine's thread while the host reads one cell's info back from a returned record: if that cell's
    /// info slot is still lazy (nothing observed it, nothing wrote it) and holds no messages, reading it yields the
    /// engine's frozen empty array instead of a new one; the reader takes it as the empty array it stands for. Only
    /// that very cell object is answered so: any script that runs meanwhile (a proxy's trap, a getter) sees every
    /// other cell's info built as usual.
    /// </summary>
    [ThreadStatic] internal static (ObjectInstance? Cell, JsValue? EmptyMarker) InfoReadBack;

    private readonly Jint.Engine _engine;
    private readonly JsObjectLayout? _rowLayout;
    private readonly JsValue? _function;
    private readonly JsValue[] _arguments;
    private readonly JsValue[] _cells;
    private readonly JsValue[] _record = new JsValue[3];
    private readonly List<CellMessage>?[] _infos;

    public RecordFactory(Jint.Engine engine, IReadOnlyList<string> keys)
    {
        _engine = engine;
        _rowLayout = LayoutOf(keys);
        if (_rowLayout is null) _function = engine.Evaluate(Source(keys));
        _arguments = new JsValue[keys.Count * ArgumentsPerCell + 2];
        _cells = new JsValue[keys.Count];
        _infos = new List<CellMessage>?[keys.Count];
    }

    private static JsObjectLayout? LayoutOf(IReadOnlyList<string> keys)
    {
        try
        {
            return new JsObjectLayout(keys);
        }
        catch (ArgumentException)
        {
            // A key that starts with a digit, an empty key or too many keys: the object literal handles them all.
            return null;
        }
    }

    /// <summary>Sets the value, resultValue and info (the hook messages) of the cell at <paramref name="field"/> for the next Build.</summary>
    public void SetCell(int field, JsValue value, JsValue resultValue, List<CellMessage>? info)
    {
        var start = field * ArgumentsPerCell;
        _arguments[start] = value;
        _arguments[start + 1] = resultValue;
        if (_rowLayout is null) _arguments[start + 2] = JsCells.InfoToJs(_engine, info);
        else _infos[field] = info;
    }

    /// <summary>Builds the record from the cells set since the last call.</summary>
    public ObjectInstance Build(JsValue index, JsValue rowId)
    {
        _arguments[^2] = index;
        _arguments[^1] = rowId;
        var record = _rowLayout is null
            ? (ObjectInstance)_engine.Call(_function!, JsValue.Undefined, _arguments)
            : BuildWithLayouts(_rowLayout, index, rowId);
        // The record holds the values now; do not keep the row's strings alive until the next row.
        Array.Clear(_arguments);
        return record;
    }

    private JsObject BuildWithLayouts(JsObjectLayout rowLayout, JsValue index, JsValue rowId)
    {
        var arguments = _arguments.AsSpan();
        for (var field = 0; field < _cells.Length; field++)
            _cells[field] = JsObject.Create(_engine, CellLayout, arguments.Slice(field * ArgumentsPerCell, ArgumentsPerCell), _infos[field]);
        _record[0] = JsObject.Create(_engine, rowLayout, _cells);
        _record[1] = index;
        _record[2] = rowId;
        var record = JsObject.Create(_engine, RecordLayout, _record);
        Array.Clear(_cells);
        Array.Clear(_record);
        Array.Clear(_infos);
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
