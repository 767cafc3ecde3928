using System.Globalization;
using ImportOperator.Engine.Rows;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Builds Dromo's record shape for a row, <c>{row: {&lt;key&gt;: {value, resultValue, info}}, index, rowId}</c>, as
/// JavaScript objects straight from the row's cell values, and writes a returned record back into the row.
/// One codec per engine (JavaScript objects belong to their engine).
/// </summary>
internal sealed class RecordCodec(Jint.Engine engine, HookFields fields)
{
    private readonly RecordFactory _factory = new(engine, fields.Keys);

    public ObjectInstance BuildRecord(ImportRow row)
    {
        var count = fields.Keys.Count;
        for (var i = 0; i < count; i++)
        {
            var value = JsCells.ToJs(engine, row.Values[i]);
            // Text cells usually parse to the same text: one JavaScript string (a primitive, so sharing it cannot
            // be observed) serves both. Arrays are objects a hook may change, so each property gets its own.
            var resultValue = SameText(row.Values[i], row.Results[i]) ? value : JsCells.ToJs(engine, row.Results[i]);
            _factory.SetCell(i, value, resultValue, row.HookInfo?[i]);
        }
        return _factory.Build(JsNumber.Create(row.Index), JsString.Create(RowId(row.Index)));
    }

    private static bool SameText(CellValue value, CellValue result) =>
        value.Kind == CellValueKind.String && result.Kind == CellValueKind.String &&
        string.Equals(value.StringValue, result.StringValue, StringComparison.Ordinal);

    /// <summary>The rowId of a row: its index as a decimal string (stable across runs and engines).</summary>
    public static string RowId(long index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Applies what a row hook (or one element of a bulk hook's result) returned: a record or <c>{row: {...}}</c>.
    /// Keys left out are unchanged; a cell's <c>value</c> replaces the raw value, its <c>info</c> the hook messages.
    /// </summary>
    public void ApplyRecord(JsValue returned, ImportRow row, string what)
    {
        if (returned is not ObjectInstance record || returned is ArrayInstance)
            throw new HookResultException(
                $"must return the record or an object {{row: {{...}}}}, got {JsCells.Describe(returned)}");
        var rowValue = record.Get(RowKey);
        if (rowValue is not ObjectInstance cells || rowValue is ArrayInstance)
            throw new HookResultException(
                $"must return the record or an object {{row: {{...}}}}, but {what}.row is {JsCells.Describe(rowValue)}");

        // A plain object (what a record's row almost always is) has no traps: reading a data property's value from
        // its descriptor is what Get would return, without looking the key up a second time.
        var plain = cells is JsObject;
        foreach (var key in cells.GetOwnPropertyKeys(Jint.Runtime.Types.String))
        {
            var descriptor = cells.GetOwnProperty(key);
            if (!descriptor.Enumerable) continue; // as JSON.stringify would drop it
            var name = key.ToString();
            if (!fields.TryGetIndex(name, out var field))
                throw new HookResultException(
                    $"{what}.row has the key '{name}', which is not a field of the schema (fields: {fields.KeyList})");
            var cellValue = plain && descriptor.IsDataDescriptor() ? descriptor.Value : cells.Get(key);
            if (cellValue.IsUndefined()) continue;
            if (cellValue is not ObjectInstance cell || cellValue is ArrayInstance)
                throw new HookResultException(
                    $"{what}.row.{name} must be an object such as {{value: ...}}, got {JsCells.Describe(cellValue)}");

            var value = cell.Get(ValueKey);
            if (!value.IsUndefined())
                row.SetValueFromHook(field, JsCells.FromJs(value, new ValuePath(what, ".row.", name, ".value")));

            var info = ReadInfo(cell);
            if (info.IsUndefined()) continue;
            var messages = ReferenceEquals(info, _emptyInfo) ? null : JsCells.InfoFromJs(info, new ValuePath(what, ".row.", name, ".info"));
            if (!JsCells.SameMessages(row.HookInfo?[field], messages)) row.SetHookInfo(field, messages);
        }
    }

    private JsValue ReadInfo(ObjectInstance cell)
    {
        var previous = RecordFactory.InfoReadBack;
        RecordFactory.InfoReadBack = (cell, _emptyInfo);
        try
        {
            return cell.Get(InfoKey);
        }
        finally
        {
            RecordFactory.InfoReadBack = previous;
        }
    }

    // Stands for a fresh empty info array that nothing observed before it was read back (RecordFactory.InfoReadBack);
    // read as "no messages", like the array it replaces. One per codec, i.e. per engine, frozen so that it stays
    // empty: a hook that keeps a record past its return and reads such an info later gets this shared array.
    private readonly JsValue _emptyInfo = engine.Evaluate("Object.freeze([])");

    // Property keys as JavaScript strings made once: Get(string) would wrap the .NET string in a new JsString each time.
    private static readonly JsString RowKey = new("row");
    private static readonly JsString ValueKey = new("value");
    private static readonly JsString InfoKey = new("info");
}
