// The loop a C# developer would write for this one file: the rules of bench-import.yaml (the same ones
// v8-anchor.js applies), JSON lines out, optionally the row hook of v8-hook.js in one Jint engine.
//   hand-loop IN.csv OUT.jsonl [HOOK.js]
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HandLoop;

if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: hand-loop IN.csv OUT.jsonl [HOOK.js]");
    return 2;
}

using var input = new StreamReader(args[0], Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
using var output = new FileStream(args[1], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
// Rows are written into memory and handed to the file once 64 KB have gathered: one write system call per
// buffer, not per row (Utf8JsonWriter.Flush on a Stream flushes the FileStream underneath every time).
const int FlushBytes = 1 << 16;
var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
var csv = new CsvRecords(input);
if (!csv.TryRead(out var header))
{
    return 0;
}

var names = header.ToArray();
var encodedNames = names.Select(n => JsonEncodedText.Encode(n)).ToArray();
using var hook = args.Length == 3 ? new RowHook(File.ReadAllText(args[2]), names) : null;
var rules = new ContactRules(names);
var errors = new List<string>(8);
long row = 0;
while (csv.TryRead(out var fields))
{
    var values = fields.ToArray();
    hook?.Apply(values);
    errors.Clear();
    var age = rules.Validate(values, errors);
    row++;

    json.WriteStartObject();
    for (var i = 0; i < values.Length; i++)
    {
        if (i == rules.AgeIndex && age is { } number)
        {
            json.WriteNumber(encodedNames[i], number);
        }
        else
        {
            json.WriteString(encodedNames[i], values[i]);
        }
    }

    json.WriteNumber("_row", row);
    json.WriteStartArray("_errors");
    foreach (var error in errors)
    {
        json.WriteStringValue(error);
    }

    json.WriteEndArray();
    json.WriteEndObject();
    json.Flush(); // into the memory buffer only
    json.Reset(); // one JSON document per line, not a comma-separated sequence
    buffer.GetSpan(1)[0] = (byte)'\n';
    buffer.Advance(1);
    if (buffer.WrittenCount >= FlushBytes)
    {
        output.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }
}

output.Write(buffer.WrittenSpan);

Console.Error.WriteLine($"hand-loop: {row} rows");
return 0;
