using System.Text.Json;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Results;

/// <summary>
/// Records every problem of every row, in row order, for metadata.json (errors, rowsWithError) without holding
/// them in memory: they stream to temporary files that <see cref="MetadataJsonWriter"/> copies in. The first
/// <see cref="ImportOutcome.MaxIssuesInStatus"/> are also kept for the status.
/// </summary>
internal sealed class IssueLog : IDisposable
{
    private readonly IReadOnlyList<FieldDefinition> _fields;
    private readonly string _errorsPath;
    private readonly string _rowsPath;
    private readonly FileStream _errorsStream;
    private readonly FileStream _rowsStream;
    private readonly Utf8JsonWriter _errors;
    private readonly Utf8JsonWriter _rows;
    private readonly List<ImportIssue> _first = [];
    private bool _closed;

    public IssueLog(string directory, IReadOnlyList<FieldDefinition> fields)
    {
        _fields = fields;
        _errorsPath = Path.Combine(directory, ".errors.partial");
        _rowsPath = Path.Combine(directory, ".rows-with-error.partial");
        _errorsStream = JsonOutput.Create(_errorsPath);
        _rowsStream = JsonOutput.Create(_rowsPath);
        _errors = new Utf8JsonWriter(_errorsStream, JsonOutput.WriterOptions);
        _rows = new Utf8JsonWriter(_rowsStream, JsonOutput.WriterOptions);
        _errors.WriteStartArray();
        _rows.WriteStartArray();
    }

    public IReadOnlyList<ImportIssue> FirstIssues => _first;

    public long IssueCount { get; private set; }

    /// <summary>Records the row's messages; returns true when the row has an error (it is invalid).</summary>
    public bool Record(ImportRow row)
    {
        var invalid = false;
        if (row.RowMessages is { } rowMessages)
            foreach (var message in rowMessages) invalid |= Add(row.Index, null, message, CellValue.Null);
        for (var field = 0; field < _fields.Count; field++)
        {
            // Most cells have nothing to report: skip them without allocating an enumerator per cell.
            if (!row.HasMessages(field)) continue;
            foreach (var message in row.MessagesOf(field)) invalid |= Add(row.Index, _fields[field].Key, message, row.Values[field]);
        }
        if (invalid) _rows.WriteNumberValue(row.Index);
        if (_errors.BytesPending > JsonOutput.FlushThreshold) _errors.Flush();
        if (_rows.BytesPending > JsonOutput.FlushThreshold) _rows.Flush();
        return invalid;
    }

    private bool Add(long rowIndex, string? fieldKey, CellMessage message, CellValue value)
    {
        IssueCount++;
        if (_first.Count < ImportOutcome.MaxIssuesInStatus)
            _first.Add(new ImportIssue(rowIndex, fieldKey, message.Message, message.Level, value));
        _errors.WriteStartObject();
        _errors.WriteNumber("rowIndex", rowIndex);
        if (fieldKey is null) _errors.WriteNull("fieldKey");
        else _errors.WriteString("fieldKey", fieldKey);
        _errors.WriteString("message", message.Message);
        _errors.WriteString("level", LevelNames.Of(message.Level));
        _errors.WritePropertyName("value");
        value.WriteTo(_errors);
        _errors.WriteEndObject();
        return message.Level == MessageLevel.Error;
    }

    /// <summary>Closes both arrays; returns the paths of the JSON arrays of errors and of invalid row indexes.</summary>
    public (string ErrorsPath, string RowsWithErrorPath) Complete()
    {
        _errors.WriteEndArray();
        _rows.WriteEndArray();
        CloseFiles();
        return (_errorsPath, _rowsPath);
    }

    /// <summary>Writers first: disposing a writer flushes it into its stream.</summary>
    private void CloseFiles()
    {
        if (_closed) return;
        _closed = true;
        _errors.Dispose();
        _rows.Dispose();
        _errorsStream.Dispose();
        _rowsStream.Dispose();
    }

    public void Dispose()
    {
        CloseFiles();
        File.Delete(_errorsPath);
        File.Delete(_rowsPath);
    }
}

/// <summary>The level names used in results and status: error, warning, info.</summary>
public static class LevelNames
{
    public static string Of(MessageLevel level) => level switch
    {
        MessageLevel.Warning => "warning",
        MessageLevel.Info => "info",
        _ => "error",
    };
}
