using ImportOperator.Engine.Hooks.Sandbox;
using ImportOperator.Engine.Rows;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;

namespace ImportOperator.Engine.Hooks;

/// <summary>
/// The column hooks of one field over one column: each hook gets <c>[{index, value, rowId}]</c> with the values
/// as the previous hook left them, and returns <c>[{index, value?, info?}]</c> for the cells it changes.
/// </summary>
internal sealed class ColumnHookRun(CompiledHooks owner, string fieldKey, IReadOnlyList<ColumnCell> cells)
{
    private readonly CellValue[] _values = Values(cells);
    private readonly bool[] _valueChanged = new bool[cells.Count];
    private readonly List<CellMessage>?[] _info = new List<CellMessage>?[cells.Count];
    private readonly bool[] _infoChanged = new bool[cells.Count];

    public IReadOnlyList<ColumnCellChange> Run(IReadOnlyList<int> hookIds)
    {
        var engine = owner.Engines()[0];
        var positions = new Dictionary<long, int>(cells.Count);
        for (var i = 0; i < cells.Count; i++) positions.TryAdd(cells[i].Index, i);
        try
        {
            foreach (var hookId in hookIds) RunHook(engine, hookId, positions);
        }
        finally
        {
            owner.AppendConsole(engine.Console);
        }

        var changes = new List<ColumnCellChange>();
        for (var i = 0; i < cells.Count; i++)
        {
            var valueChanged = _valueChanged[i] && _values[i] != cells[i].Value;
            if (!valueChanged && !_infoChanged[i]) continue;
            changes.Add(new ColumnCellChange(cells[i].Index, valueChanged, valueChanged ? _values[i] : default,
                _infoChanged[i] ? _info[i] ?? [] : null));
        }
        return changes;
    }

    private void RunHook(SandboxEngine engine, int hookId, Dictionary<long, int> positions)
    {
        var hook = owner.Hook(hookId);
        var where = $" on field '{fieldKey}'";
        engine.CurrentHook = hook.Name;
        engine.CurrentRow = -1;
        try
        {
            engine.Budget.Arm(owner.CallTimeFor(cells.Count),
                owner.Options.MemoryLimitBytes + cells.Count * CompiledHooks.MemoryAllowancePerRow);
            var js = engine.Engine;
            var items = new JsValue[cells.Count];
            for (var i = 0; i < items.Length; i++)
            {
                var item = new JsObject(js);
                item.FastSetDataProperty("index", JsNumber.Create(cells[i].Index));
                item.FastSetDataProperty("value", JsCells.ToJs(js, _values[i]));
                item.FastSetDataProperty("rowId", JsString.Create(RecordCodec.RowId(cells[i].Index)));
                items[i] = item;
            }
            var returned = engine.Call(hookId, [new JsArray(js, items)]);
            Apply(returned, positions);
        }
        catch (Exception ex) when (HookFailures.IsHookFailure(ex))
        {
            engine.RecoverAfterFailure();
            throw HookFailures.ToImportFailure(ex, hook, where, owner.Options);
        }
        finally
        {
            engine.Budget.Disarm();
        }
    }

    private void Apply(JsValue returned, Dictionary<long, int> positions)
    {
        if (returned is not ArrayInstance changes)
            throw new HookResultException(
                $"must return an array of {{index, value?, info?}} (an empty array for no changes), got {JsCells.Describe(returned)}");
        var count = JsCells.LengthOf(changes);
        for (uint i = 0; i < count; i++)
        {
            var what = $"the returned array[{i}]";
            if (changes[i] is not ObjectInstance change || changes[i] is ArrayInstance)
                throw new HookResultException($"{what} must be an object {{index, value?, info?}}, got {JsCells.Describe(changes[i])}");
            var index = change.Get("index");
            if (!index.IsNumber() || !positions.TryGetValue((long)index.AsNumber(), out var position) ||
                index.AsNumber() != Math.Floor(index.AsNumber()))
                throw new HookResultException(
                    $"{what}.index is {JsCells.Describe(index)}, which is not the index of a cell it was given");
            var value = change.Get("value");
            if (!value.IsUndefined())
            {
                _values[position] = JsCells.FromJs(value, what + ".value");
                _valueChanged[position] = true;
            }
            var info = change.Get("info");
            if (!info.IsUndefined())
            {
                _info[position] = JsCells.InfoFromJs(info, what + ".info");
                _infoChanged[position] = true;
            }
        }
    }

    private static CellValue[] Values(IReadOnlyList<ColumnCell> cells)
    {
        var values = new CellValue[cells.Count];
        for (var i = 0; i < values.Length; i++) values[i] = cells[i].Value;
        return values;
    }
}
