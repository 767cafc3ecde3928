using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Converts cell values, messages and JSON to JavaScript values and back, directly (no JSON text in between).
/// Conversions back follow JSON.stringify's rules where it has one (undefined in an array and NaN become null),
/// because that is what a Node-hosted hook's result goes through.
/// </summary>
internal static class JsCells
{
    private const int MaxArrayNesting = 32;

    // A value or info list longer than this is a mistake (or an attack on the host's memory), not a cell.
    private const uint MaxArrayLength = 100_000;

    /// <summary>An array's length (Jint keeps it internal; the own "length" property is the same number).</summary>
    public static uint LengthOf(ArrayInstance array) => (uint)TypeConverter.ToNumber(array.Get(LengthKey));

    // Made once: Get(string) wraps the key in a new JsString on every call, and every cell's info is measured.
    private static readonly JsString LengthKey = new("length");

    public static JsValue ToJs(Jint.Engine engine, CellValue value) => value.Kind switch
    {
        CellValueKind.String => JsString.Create(value.StringValue!),
        CellValueKind.Number => JsNumber.Create(value.NumberValue),
        CellValueKind.Boolean => value.BooleanValue ? JsBoolean.True : JsBoolean.False,
        CellValueKind.Array => ArrayToJs(engine, value.ArrayValue),
        _ => JsValue.Null,
    };

    private static JsArray ArrayToJs(Jint.Engine engine, IReadOnlyList<CellValue> items)
    {
        var values = new JsValue[items.Count];
        for (var i = 0; i < values.Length; i++) values[i] = ToJs(engine, items[i]);
        return new JsArray(engine, values);
    }

    /// <summary>A cell's hook messages as [{message, level}] (a new empty array when there are none).</summary>
    public static JsArray InfoToJs(Jint.Engine engine, List<CellMessage>? messages)
    {
        if (messages is null || messages.Count == 0) return new JsArray(engine, 0, 0);
        var items = new JsValue[messages.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = new JsObject(engine);
            item.FastSetDataProperty("message", JsString.Create(messages[i].Message));
            item.FastSetDataProperty("level", LevelName(messages[i].Level));
            items[i] = item;
        }
        return new JsArray(engine, items);
    }

    private static readonly JsString ErrorLevel = JsString.Create("error");
    private static readonly JsString WarningLevel = JsString.Create("warning");
    private static readonly JsString InfoLevel = JsString.Create("info");

    private static JsString LevelName(MessageLevel level) => level switch
    {
        MessageLevel.Warning => WarningLevel,
        MessageLevel.Info => InfoLevel,
        _ => ErrorLevel,
    };

    /// <summary>Reads a value a hook gave; <paramref name="what"/> names it in the message when it is not allowed.</summary>
    public static CellValue FromJs(JsValue value, ValuePath what) => FromJs(value, what, 0);

    private static CellValue FromJs(JsValue value, ValuePath what, int depth)
    {
        if (value.IsNull() || value.IsUndefined()) return CellValue.Null;
        if (value.IsString()) return CellValue.FromString(value.AsString());
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            return double.IsFinite(number) ? CellValue.FromNumber(number) : CellValue.Null;
        }
        if (value.IsBoolean()) return CellValue.FromBoolean(value.AsBoolean());
        if (value is ArrayInstance array)
        {
            if (depth >= MaxArrayNesting) throw new HookResultException($"{what} nests arrays more than {MaxArrayNesting} deep");
            var length = (int)CheckedLength(array, what);
            var items = new CellValue[length];
            for (var i = 0; i < length; i++) items[i] = FromJs(array[(uint)i], what, depth + 1);
            return CellValue.FromArray(items);
        }
        throw new HookResultException($"{what} must be a string, number, boolean, null or an array of those, got {Describe(value)}");
    }

    private static uint CheckedLength(ArrayInstance array, ValuePath what)
    {
        var length = LengthOf(array);
        if (length > MaxArrayLength)
            throw new HookResultException($"{what} has {length} items; at most {MaxArrayLength} are allowed in one cell");
        return length;
    }

    /// <summary>Reads a returned info: null clears the messages, otherwise an array of {message, level}.</summary>
    public static List<CellMessage>? InfoFromJs(JsValue value, ValuePath what)
    {
        if (value.IsNull()) return null;
        if (value is not ArrayInstance array)
            throw new HookResultException($"{what} must be an array of {{message, level}}, got {Describe(value)}");
        var length = (int)CheckedLength(array, what);
        if (length == 0) return null;
        var messages = new List<CellMessage>(length);
        for (var i = 0; i < length; i++)
        {
            if (array[(uint)i] is not ObjectInstance item || item is ArrayInstance)
                throw new HookResultException($"{what}[{i}] must be an object {{message, level}}, got {Describe(array[(uint)i])}");
            var message = item.Get("message");
            if (message.IsUndefined() || message.IsNull())
                throw new HookResultException($"{what}[{i}] has no message");
            messages.Add(new CellMessage(TypeConverter.ToString(message), ParseLevel(item.Get("level"))));
        }
        return messages;
    }

    /// <summary>"error", "warning" or "info" (any case); anything else is an error so that a typo cannot hide a problem.</summary>
    private static MessageLevel ParseLevel(JsValue level)
    {
        if (!level.IsString()) return MessageLevel.Error;
        var text = level.AsString();
        if (text.Equals("warning", StringComparison.OrdinalIgnoreCase)) return MessageLevel.Warning;
        if (text.Equals("info", StringComparison.OrdinalIgnoreCase)) return MessageLevel.Info;
        return MessageLevel.Error;
    }

    public static bool SameMessages(List<CellMessage>? left, List<CellMessage>? right)
    {
        var leftCount = left?.Count ?? 0;
        if (leftCount != (right?.Count ?? 0)) return false;
        for (var i = 0; i < leftCount; i++) if (left![i] != right![i]) return false;
        return true;
    }

    /// <summary>How a message names a value a hook returned: its JavaScript type, and the value when it is short.</summary>
    public static string Describe(JsValue value)
    {
        if (value.IsUndefined()) return "undefined";
        if (value.IsNull()) return "null";
        if (value.IsString())
        {
            var text = value.AsString();
            return "a string \"" + (text.Length > 40 ? text[..40] + "..." : text) + "\"";
        }
        if (value.IsNumber()) return "a number " + TypeConverter.ToString(value);
        if (value.IsBoolean()) return "a boolean " + TypeConverter.ToString(value);
        if (value is ArrayInstance) return "an array";
        if (value is ObjectInstance) return "an object";
        return "a " + value.Type.ToString().ToLowerInvariant();
    }

    /// <summary>A JSON tree (result data and metadata for beforeFinishCallback) as JavaScript values.</summary>
    public static JsValue FromJson(Jint.Engine engine, JsonNode? node)
    {
        switch (node)
        {
            case null: return JsValue.Null;
            case JsonObject obj:
            {
                var result = new JsObject(engine);
                foreach (var (key, child) in obj) result.FastSetDataProperty(key, FromJson(engine, child));
                return result;
            }
            case JsonArray array:
            {
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++) items[i] = FromJson(engine, array[i]);
                return new JsArray(engine, items);
            }
            case JsonValue scalar:
                return scalar.GetValueKind() switch
                {
                    JsonValueKind.String => JsString.Create(scalar.TryGetValue<string>(out var text)
                        ? text : JsonSerializer.Deserialize<string>(scalar.ToJsonString())!),
                    JsonValueKind.Number => JsNumber.Create(scalar.TryGetValue<double>(out var number)
                        ? number : double.Parse(scalar.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
            default: return JsValue.Null;
        }
    }
}
