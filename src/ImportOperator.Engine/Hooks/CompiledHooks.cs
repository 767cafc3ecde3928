using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks.Sandbox;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;

namespace ImportOperator.Engine.Hooks;

/// <summary>
/// An import's hooks, each compiled once, run in a sandbox. A hook that throws or exceeds a limit throws
/// ImportFailureException with reason HookFailed, naming the hook, the row index and the error.
/// </summary>
/// <remarks>
/// Engines are created on first use and belong to this instance only, so one import's hooks never see another's
/// state. Row hooks run on <see cref="HookSandboxOptions.Parallelism"/> engines over contiguous slices of a batch;
/// the other hooks run on the first engine. Not thread-safe: the pipeline calls one method at a time.
/// </remarks>
public sealed class CompiledHooks : IDisposable
{
    // Below this many rows per engine, starting threads costs more than it saves.
    private const int MinRowsPerSlice = 64;

    // Column, bulk and beforeFinish hooks see many rows in one call; each row adds this much to the call's
    // memory allowance on top of HookSandboxOptions.MemoryLimitBytes.
    internal const long MemoryAllowancePerRow = 16 * 1024;

    /// <summary>The time limit of a call that is given <paramref name="rows"/> rows at once.</summary>
    internal TimeSpan CallTimeFor(int rows) => _options.TimeoutPerCall + rows * _options.TimeAllowancePerRow;

    private readonly HookSandboxOptions _options;
    private readonly HookFields _fields;
    private readonly List<HookSource> _all = [];
    private readonly List<int> _rowHooks = [];
    private readonly List<int> _bulkRowHooks = [];
    private readonly Dictionary<string, List<int>> _columnHooks = new(StringComparer.Ordinal);
    private readonly List<string> _columnHookFields = [];
    private int _beforeFinish = -1;
    private readonly ImportTimeBudget _timeBudget;
    private readonly ConsoleLogSink _consoleLog;
    private SandboxEngine[]? _engines;
    private RecordCodec[]? _codecs;

    private CompiledHooks(HookSandboxOptions options, IReadOnlyList<FieldDefinition> fields)
    {
        _options = options;
        _fields = new HookFields(fields);
        _timeBudget = new ImportTimeBudget(options.TimeoutPerImport);
        _consoleLog = new ConsoleLogSink(options.ConsoleLogLimitBytes);
    }

    /// <summary>
    /// Compiles every hook; a hook that does not parse adds a problem with its path (e.g. hooks.rowHooks[0]) and the
    /// parser's line and column. <paramref name="fields"/> gives the record keys, in schema order.
    /// </summary>
    public static CompiledHooks Compile(HookDefinitions hooks, IReadOnlyList<FieldDefinition> fields,
        HookSandboxOptions options, SchemaProblems problems)
    {
        var compiled = new CompiledHooks(options, fields);
        var columnHooks = hooks.ColumnHooks ?? [];
        var byField = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < columnHooks.Count; i++)
        {
            var definition = columnHooks[i];
            var name = $"columnHooks[{i}]";
            var fieldKey = definition.FieldName ?? "";
            var knownField = compiled._fields.TryGetIndex(fieldKey, out _);
            if (!knownField)
                problems.Add($"hooks.{name}.fieldName", $"'{fieldKey}' is not a field key (fields: {compiled._fields.KeyList})");
            if (compiled.Add(name, $"hooks.{name}.callback", definition.Callback, problems) is { } id && knownField)
            {
                if (!byField.TryGetValue(fieldKey, out var list)) byField[fieldKey] = list = [];
                list.Add(id);
            }
        }
        foreach (var key in compiled._fields.Keys)
        {
            if (!byField.TryGetValue(key, out var ids)) continue;
            compiled._columnHooks[key] = ids;
            compiled._columnHookFields.Add(key);
        }

        var rowHooks = hooks.RowHooks ?? [];
        for (var i = 0; i < rowHooks.Count; i++)
            if (compiled.Add($"rowHooks[{i}]", $"hooks.rowHooks[{i}]", rowHooks[i], problems) is { } id)
                compiled._rowHooks.Add(id);

        var bulkRowHooks = hooks.BulkRowHooks ?? [];
        for (var i = 0; i < bulkRowHooks.Count; i++)
            if (compiled.Add($"bulkRowHooks[{i}]", $"hooks.bulkRowHooks[{i}]", bulkRowHooks[i], problems) is { } id)
                compiled._bulkRowHooks.Add(id);

        if (!string.IsNullOrWhiteSpace(hooks.BeforeFinishCallback) &&
            compiled.Add("beforeFinishCallback", "hooks.beforeFinishCallback", hooks.BeforeFinishCallback, problems) is { } finish)
            compiled._beforeFinish = finish;
        return compiled;
    }

    private int? Add(string name, string path, string? source, SchemaProblems problems)
    {
        if (HookSource.Compile(name, path, source, problems) is not { } hook) return null;
        _all.Add(hook);
        return _all.Count - 1;
    }

    public bool HasColumnHooks => _columnHookFields.Count > 0;
    public bool HasRowHooks => _rowHooks.Count > 0;
    public bool HasBulkRowHooks => _bulkRowHooks.Count > 0;
    public bool HasBeforeFinish => _beforeFinish >= 0;

    /// <summary>Keys of the fields that have column hooks, in schema order.</summary>
    public IReadOnlyList<string> ColumnHookFields => _columnHookFields;

    /// <summary>What hooks wrote with console.log/info/warn/error, capped at the configured size.</summary>
    public IReadOnlyList<string> ConsoleLog => _consoleLog.Snapshot();

    /// <summary>The console log as parts (kept lines, dropped bytes), for handing on: a split chunk to its merge.</summary>
    internal ConsoleLogSink ConsoleLogParts => _consoleLog;

    /// <summary>Runs the column hooks of one field (in their order) over the whole column; returns the changed cells.</summary>
    public IReadOnlyList<ColumnCellChange> RunColumnHooks(string fieldKey, IReadOnlyList<ColumnCell> cells)
    {
        if (!_columnHooks.TryGetValue(fieldKey, out var hookIds) || cells.Count == 0) return [];
        return LargeStack.Run(() => new ColumnHookRun(this, fieldKey, cells).Run(hookIds));
    }

    /// <summary>
    /// Runs every row hook over each row of the batch (in parallel across engines, results identical to one engine).
    /// Changes land in the rows through SetValueFromHook and SetHookInfo.
    /// </summary>
    public void RunRowHooks(IReadOnlyList<ImportRow> batch, HookMode mode) => RunRowHooks(batch, mode, null);

    /// <summary>
    /// Runs every row hook over each row of the batch as above, and on each slice's thread the per-row steps that
    /// <paramref name="stepsPerSlice"/> makes (one instance per slice) right before and after a row's hooks.
    /// Only for batches without bulk row hooks: those must see every row hooked before any row is re-parsed.
    /// </summary>
    internal void RunRowHooks(IReadOnlyList<ImportRow> batch, HookMode mode, Func<RowSliceSteps>? stepsPerSlice)
    {
        if (_rowHooks.Count == 0 || batch.Count == 0) return;
        var engines = Engines();
        var sliceCount = Math.Max(1, Math.Min(engines.Length, batch.Count / MinRowsPerSlice));
        var failures = new RowHookFailure?[sliceCount];
        var firstFailedSlice = int.MaxValue;
        var slices = new Action[sliceCount];
        for (var s = 0; s < sliceCount; s++)
        {
            var slice = s;
            var start = (int)((long)batch.Count * slice / sliceCount);
            var end = (int)((long)batch.Count * (slice + 1) / sliceCount);
            slices[s] = () =>
            {
                failures[slice] = RunRowSlice(slice, batch, start, end, mode, stepsPerSlice?.Invoke(), ref firstFailedSlice);
                if (failures[slice] is not null) InterlockedMin(ref firstFailedSlice, slice);
            };
        }
        try
        {
            LargeStack.RunAll(slices);
        }
        finally
        {
            // Slices are contiguous and in order, so appending their console output in slice order keeps row order.
            for (var s = 0; s < sliceCount; s++) _consoleLog.Append(engines[s].Console);
        }
        foreach (var failure in failures)
            if (failure is { } first) throw HookFailures.ToImportFailure(first.Exception, _all[first.HookId], $" at row {first.Row}", _options);
    }

    private sealed record RowHookFailure(int HookId, long Row, Exception Exception);

    private RowHookFailure? RunRowSlice(int slice, IReadOnlyList<ImportRow> batch, int start, int end, HookMode mode,
        RowSliceSteps? steps, ref int firstFailedSlice)
    {
        if (steps is null) return RunRows(slice, batch, start, end, mode, null, ref firstFailedSlice);
        var clock = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return RunRows(slice, batch, start, end, mode, steps, ref firstFailedSlice);
        }
        finally
        {
            steps.SliceDone(System.Diagnostics.Stopwatch.GetElapsedTime(clock));
        }
    }

    private RowHookFailure? RunRows(int slice, IReadOnlyList<ImportRow> batch, int start, int end, HookMode mode,
        RowSliceSteps? steps, ref int firstFailedSlice)
    {
        var engine = _engines![slice];
        var codec = _codecs![slice];
        var modeValue = JsString.Create(mode == HookMode.Init ? "init" : "update");
        var arguments = new JsValue[2];
        for (var r = start; r < end; r++)
        {
            // A failure in an earlier slice decides the outcome; later slices need not finish.
            if (Volatile.Read(ref firstFailedSlice) < slice) return null;
            var row = batch[r];
            steps?.BeforeHooks(row);
            foreach (var hookId in _rowHooks)
            {
                var hook = _all[hookId];
                engine.CurrentHook = hook.Name;
                engine.CurrentRow = row.Index;
                try
                {
                    engine.Budget.Arm(_options.TimeoutPerCall, _options.MemoryLimitBytes);
                    arguments[0] = codec.BuildRecord(row);
                    arguments[1] = modeValue;
                    var returned = engine.Call(hookId, arguments);
                    codec.ApplyRecord(returned, row, "the returned record");
                }
                catch (Exception ex) when (HookFailures.IsHookFailure(ex))
                {
                    engine.RecoverAfterFailure();
                    return new RowHookFailure(hookId, row.Index, ex);
                }
                finally
                {
                    engine.Budget.Disarm();
                }
            }
            steps?.AfterHooks(row);
        }
        return null;
    }

    /// <summary>Runs every bulk row hook over the batch; changes land in the rows as for row hooks.</summary>
    public void RunBulkRowHooks(IReadOnlyList<ImportRow> batch, HookMode mode)
    {
        if (_bulkRowHooks.Count == 0 || batch.Count == 0) return;
        var engine = Engines()[0];
        var codec = _codecs![0];
        var where = batch.Count == 1 ? $" on row {batch[0].Index}" : $" on rows {batch[0].Index}-{batch[^1].Index}";
        try
        {
            LargeStack.Run(() =>
            {
                foreach (var hookId in _bulkRowHooks) RunBulkHook(engine, codec, hookId, batch, mode, where);
                return 0;
            });
        }
        finally
        {
            _consoleLog.Append(engine.Console);
        }
    }

    private void RunBulkHook(SandboxEngine engine, RecordCodec codec, int hookId, IReadOnlyList<ImportRow> batch,
        HookMode mode, string where)
    {
        var hook = _all[hookId];
        engine.CurrentHook = hook.Name;
        engine.CurrentRow = -1;
        try
        {
            engine.Budget.Arm(CallTimeFor(batch.Count), _options.MemoryLimitBytes + batch.Count * MemoryAllowancePerRow);
            var records = new JsValue[batch.Count];
            for (var i = 0; i < records.Length; i++) records[i] = codec.BuildRecord(batch[i]);
            var modeValue = JsString.Create(mode == HookMode.Init ? "init" : "update");
            var returned = engine.Call(hookId, [new JsArray(engine.Engine, records), modeValue]);
            if (returned is not ArrayInstance result)
                throw new HookResultException($"must return the records array, got {JsCells.Describe(returned)}");
            if (JsCells.LengthOf(result) != (uint)batch.Count)
                throw new HookResultException(
                    $"must return every record it was given, keeping each index: it got {batch.Count} records and returned {JsCells.LengthOf(result)}");
            var elements = new JsValue[batch.Count];
            for (var i = 0; i < elements.Length; i++)
            {
                elements[i] = result[(uint)i];
                var index = elements[i] is ObjectInstance record ? record.Get("index") : JsValue.Undefined;
                if (!index.IsNumber() || index.AsNumber() != batch[i].Index)
                    throw new HookResultException(
                        $"must return the records in the order it got them, keeping each index: position {i} should have index {batch[i].Index}, but has {JsCells.Describe(index)} (records were dropped, duplicated or reordered)");
            }
            for (var i = 0; i < elements.Length; i++) codec.ApplyRecord(elements[i], batch[i], $"records[{i}]");
        }
        catch (Exception ex) when (HookFailures.IsHookFailure(ex))
        {
            engine.RecoverAfterFailure();
            throw HookFailures.ToImportFailure(ex, hook, where, _options);
        }
        finally
        {
            engine.Budget.Disarm();
        }
    }

    /// <summary>Runs beforeFinishCallback with the result data (one object per row, by field key) and the metadata.</summary>
    public BeforeFinishResult RunBeforeFinish(IEnumerable<JsonObject> data, JsonObject metadata)
    {
        if (_beforeFinish < 0) return BeforeFinishResult.Continue;
        var engine = Engines()[0];
        var hook = _all[_beforeFinish];
        try
        {
            return LargeStack.Run(() =>
            {
                var rows = new List<JsValue>();
                foreach (var row in data) rows.Add(JsCells.FromJson(engine.Engine, row));
                engine.CurrentHook = hook.Name;
                engine.CurrentRow = -1;
                try
                {
                    engine.Budget.Arm(CallTimeFor(rows.Count), _options.MemoryLimitBytes + rows.Count * MemoryAllowancePerRow);
                    var returned = engine.Call(_beforeFinish,
                        [new JsArray(engine.Engine, rows.ToArray()), JsCells.FromJson(engine.Engine, metadata)]);
                    return ReadBeforeFinishResult(returned);
                }
                catch (Exception ex) when (HookFailures.IsHookFailure(ex))
                {
                    engine.RecoverAfterFailure();
                    throw HookFailures.ToImportFailure(ex, hook, "", _options);
                }
                finally
                {
                    engine.Budget.Disarm();
                }
            });
        }
        finally
        {
            _consoleLog.Append(engine.Console);
        }
    }

    private static BeforeFinishResult ReadBeforeFinishResult(JsValue returned)
    {
        if (returned.IsUndefined() || returned.IsNull()) return BeforeFinishResult.Continue;
        if (returned is not ObjectInstance result || returned is ArrayInstance)
            throw new HookResultException(
                $"must return nothing or {{cancel: true, message}}, got {JsCells.Describe(returned)}");
        if (!Jint.Runtime.TypeConverter.ToBoolean(result.Get("cancel"))) return BeforeFinishResult.Continue;
        var message = result.Get("message");
        return new BeforeFinishResult(true, message.IsUndefined() || message.IsNull()
            ? "The import was cancelled by beforeFinishCallback."
            : Jint.Runtime.TypeConverter.ToString(message));
    }

    internal HookSandboxOptions Options => _options;

    internal HookSource Hook(int hookId) => _all[hookId];

    internal void AppendConsole(ConsoleBuffer buffer) => _consoleLog.Append(buffer);

    internal SandboxEngine[] Engines()
    {
        if (_engines is not null) return _engines;
        var count = Math.Max(1, _options.Parallelism);
        var engines = new SandboxEngine[count];
        var codecs = new RecordCodec[count];
        var setup = new Action[count];
        for (var i = 0; i < count; i++)
        {
            var slot = i;
            setup[i] = () =>
            {
                engines[slot] = new SandboxEngine(_options, _all, _timeBudget);
                codecs[slot] = new RecordCodec(engines[slot].Engine, _fields);
            };
        }
        try
        {
            LargeStack.RunAll(setup);
        }
        catch (ImportFailureException)
        {
            // Evaluating a hook's source runs the code around a declared function; it may fail or run too long.
            foreach (var engine in engines) engine?.Dispose();
            throw;
        }
        _codecs = codecs;
        return _engines = engines;
    }

    private static void InterlockedMin(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    public void Dispose()
    {
        if (_engines is null) return;
        foreach (var engine in _engines) engine?.Dispose();
        _engines = null;
    }
}
