namespace ImportOperator.Engine.Rows;

/// <summary>
/// One data row as it moves through the pipeline. Arrays are indexed by field position in the schema.
/// A cell's messages live in three buckets because each is recomputed at a different step:
/// the type parse error (recomputed when a hook changes the value), the hooks' info (replaced by a hook that
/// returns <c>info</c>), and the validators' messages (computed last).
/// </summary>
public sealed class ImportRow
{
    public ImportRow(long index, int fieldCount)
    {
        Index = index;
        Values = new CellValue[fieldCount];
        Results = new CellValue[fieldCount];
        ParseErrors = new CellMessage?[fieldCount];
    }

    /// <summary>0-based index of the data row after the header, blank rows excluded (Dromo's rowIndex).</summary>
    public long Index { get; }

    /// <summary>The raw value per field (text, or array of texts for manyToOne), possibly changed by hooks.</summary>
    public CellValue[] Values { get; }

    /// <summary>The typed result value per field.</summary>
    public CellValue[] Results { get; }

    /// <summary>The type parse error per field, or null when the value parsed.</summary>
    public CellMessage?[] ParseErrors { get; }

    /// <summary>Messages set by hooks per field (null when none). A hook returning info replaces the list.</summary>
    public List<CellMessage>?[]? HookInfo { get; private set; }

    /// <summary>Messages set by validators per field (null when none).</summary>
    public List<CellMessage>?[]? ValidatorMessages { get; private set; }

    /// <summary>Per field: true when a hook changed the raw value since the last type parse.</summary>
    public bool[]? Changed { get; private set; }

    /// <summary>Messages about the row as a whole (e.g. more cells than the header), reported without a field key.</summary>
    public List<CellMessage>? RowMessages { get; private set; }

    public void AddRowMessage(CellMessage message) => (RowMessages ??= []).Add(message);

    /// <summary>Columns that match no field, as (header, value), when passThroughUnmappedColumns is on.</summary>
    public List<KeyValuePair<string, string>>? Unmapped { get; set; }

    public void SetHookInfo(int field, List<CellMessage>? messages)
    {
        HookInfo ??= new List<CellMessage>?[Values.Length];
        HookInfo[field] = messages;
    }

    public void AddValidatorMessage(int field, CellMessage message)
    {
        ValidatorMessages ??= new List<CellMessage>?[Values.Length];
        (ValidatorMessages[field] ??= []).Add(message);
    }

    /// <summary>Sets a field's raw value from a hook and marks it for re-parsing.</summary>
    public void SetValueFromHook(int field, CellValue value)
    {
        if (Values[field] == value) return;
        Values[field] = value;
        Changed ??= new bool[Values.Length];
        Changed[field] = true;
    }

    public void ClearChanged() => Changed = null;

    public void ClearValidatorMessages() => ValidatorMessages = null;

    /// <summary>True when the field has a parse error, hook info or a validator message (cheaper than enumerating).</summary>
    public bool HasMessages(int field) =>
        ParseErrors[field] is not null || HookInfo?[field] is { Count: > 0 } || ValidatorMessages?[field] is { Count: > 0 };

    /// <summary>All messages of one field in reporting order: parse error, hook info, validators.</summary>
    public IEnumerable<CellMessage> MessagesOf(int field)
    {
        if (ParseErrors[field] is { } parseError) yield return parseError;
        if (HookInfo?[field] is { } info) foreach (var message in info) yield return message;
        if (ValidatorMessages?[field] is { } validators) foreach (var message in validators) yield return message;
    }

    /// <summary>True when any cell has an error-level message: the row is invalid.</summary>
    public bool HasError
    {
        get
        {
            for (var i = 0; i < Values.Length; i++)
            {
                if (ParseErrors[i] is { Level: Schema.MessageLevel.Error }) return true;
                if (HookInfo?[i] is { } info && info.Exists(static m => m.Level == Schema.MessageLevel.Error)) return true;
                if (ValidatorMessages?[i] is { } v && v.Exists(static m => m.Level == Schema.MessageLevel.Error)) return true;
            }
            return RowMessages is { } row && row.Exists(static m => m.Level == Schema.MessageLevel.Error);
        }
    }
}
