using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Results;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// The last step of every row: its problems go to the issue log, it is counted valid or invalid, and it goes to
/// data.json unless REMOVE_INVALID_ROWS leaves it out. Rows are also kept as JSON for beforeFinishCallback when
/// one is defined (that hook receives all the data at once, by its contract).
/// </summary>
internal sealed class RowFinisher : IDisposable
{
    private readonly bool _removeInvalid;
    private readonly JsonEncodedText[] _keys;
    private readonly List<JsonObject>? _hookData;

    public RowFinisher(string outputDirectory, IReadOnlyList<FieldDefinition> fields, string invalidDataBehavior, bool collectForHook)
    {
        _removeInvalid = invalidDataBehavior == InvalidDataBehaviors.RemoveInvalidRows;
        Issues = new IssueLog(outputDirectory, fields);
        Data = new DataJsonWriter(Path.Combine(outputDirectory, ResultFileNames.Data), fields);
        _keys = fields.Select(f => JsonEncodedText.Encode(f.Key, JsonOutput.WriterOptions.Encoder)).ToArray();
        _hookData = collectForHook ? [] : null;
    }

    public IssueLog Issues { get; }
    public DataJsonWriter Data { get; }
    public long Rows { get; private set; }
    public long InvalidRows { get; private set; }
    public IReadOnlyList<JsonObject> HookData => _hookData ?? [];

    public void Accept(ImportRow row)
    {
        Rows++;
        var invalid = Issues.Record(row);
        if (invalid) InvalidRows++;
        if (!(invalid && _removeInvalid)) Data.Write(row);
        if (_hookData is not null) _hookData.Add(ToJsonObject(row));
    }

    /// <summary>
    /// True when whether a row reaches data.json depends on its verdict (REMOVE_INVALID_ROWS), or all rows are
    /// needed together (beforeFinishCallback); otherwise rows can be written before their verdict is known.
    /// </summary>
    public bool DataDependsOnVerdict => _removeInvalid || _hookData is not null;

    /// <summary>Writes a row to data.json before its verdict is known (only when <see cref="DataDependsOnVerdict"/> is false).</summary>
    public void WriteAhead(ImportRow row) => Data.Write(row);

    /// <summary>Records the problems and the verdict of a row written ahead.</summary>
    public void RecordWrittenAhead(ImportRow row)
    {
        Rows++;
        if (Issues.Record(row)) InvalidRows++;
    }

    /// <summary>Finishes a row whose result JSON was already made (rows coming back from the spill).</summary>
    public void Accept(ImportRow row, ReadOnlySpan<byte> resultJson)
    {
        Rows++;
        var invalid = Issues.Record(row);
        if (invalid) InvalidRows++;
        if (!(invalid && _removeInvalid)) Data.WriteRaw(resultJson);
        if (_hookData is not null) _hookData.Add(JsonNode.Parse(resultJson)!.AsObject());
    }

    private JsonObject ToJsonObject(ImportRow row)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions)) DataJsonWriter.WriteRow(writer, row, _keys);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    public void Dispose()
    {
        Issues.Dispose();
        Data.Dispose();
    }
}

/// <summary>The names of the result files.</summary>
public static class ResultFileNames
{
    public const string Data = "data.json";
    public const string Metadata = "metadata.json";
}
