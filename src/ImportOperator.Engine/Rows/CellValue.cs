using System.Globalization;
using System.Text.Json;

namespace ImportOperator.Engine.Rows;

/// <summary>The kind of a <see cref="CellValue"/>: the JSON kinds a result value can take.</summary>
public enum CellValueKind : byte { Null, String, Number, Boolean, Array }

/// <summary>
/// A cell's value as the engine carries it: a raw value (text, or an array of texts for a manyToOne field) or a
/// typed result value (string, number, boolean, null or array). A small immutable struct so that rows carry no
/// per-cell heap object beyond their strings.
/// </summary>
public readonly struct CellValue : IEquatable<CellValue>
{
    private readonly object? _reference; // string, or CellValue[] for arrays
    private readonly double _number;

    public CellValueKind Kind { get; }

    private CellValue(CellValueKind kind, object? reference, double number)
    {
        Kind = kind;
        _reference = reference;
        _number = number;
    }

    public static readonly CellValue Null = default;
    public static readonly CellValue True = new(CellValueKind.Boolean, null, 1);
    public static readonly CellValue False = new(CellValueKind.Boolean, null, 0);
    public static readonly CellValue EmptyString = new(CellValueKind.String, "", 0);

    public static CellValue FromString(string? text) =>
        text is null ? Null : new CellValue(CellValueKind.String, text, 0);

    public static CellValue FromNumber(double number) => new(CellValueKind.Number, null, number);

    public static CellValue FromBoolean(bool value) => value ? True : False;

    public static CellValue FromArray(CellValue[] items) => new(CellValueKind.Array, items, 0);

    public bool IsNull => Kind == CellValueKind.Null;

    /// <summary>The text of a string value (null for other kinds).</summary>
    public string? StringValue => Kind == CellValueKind.String ? (string?)_reference : null;

    public double NumberValue => Kind == CellValueKind.Number ? _number : double.NaN;

    public bool BooleanValue => Kind == CellValueKind.Boolean && _number != 0;

    public IReadOnlyList<CellValue> ArrayValue => Kind == CellValueKind.Array ? (CellValue[])_reference! : [];

    /// <summary>
    /// True when the value counts as empty for validators such as <c>required</c>: null, an empty or blank
    /// string, or an array whose items are all empty.
    /// </summary>
    public bool IsEmpty => Kind switch
    {
        CellValueKind.Null => true,
        CellValueKind.String => string.IsNullOrWhiteSpace((string?)_reference),
        CellValueKind.Array => ((CellValue[])_reference!).All(static item => item.IsEmpty),
        _ => false,
    };

    /// <summary>
    /// The value as cell text, the way a type parser reads it: strings as they are, numbers in invariant
    /// shortest round-trip form, booleans as true/false, null as empty, arrays joined with ", ".
    /// </summary>
    public string ToText() => Kind switch
    {
        CellValueKind.Null => "",
        CellValueKind.String => (string)_reference!,
        CellValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        CellValueKind.Boolean => _number != 0 ? "true" : "false",
        CellValueKind.Array => string.Join(", ", ((CellValue[])_reference!).Select(static item => item.ToText())),
        _ => "",
    };

    /// <summary>Writes the value as JSON (numbers in shortest round-trip form; integral numbers without a fraction).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case CellValueKind.Null: writer.WriteNullValue(); break;
            case CellValueKind.String: writer.WriteStringValue((string)_reference!); break;
            case CellValueKind.Number: WriteNumber(writer, _number); break;
            case CellValueKind.Boolean: writer.WriteBooleanValue(_number != 0); break;
            case CellValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in (CellValue[])_reference!) item.WriteTo(writer);
                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, double number)
    {
        // Integral values within the exactly-representable range are written without ".0" or an exponent.
        if (Math.Abs(number) < 9007199254740992d && number == Math.Floor(number)) writer.WriteNumberValue((long)number);
        else writer.WriteNumberValue(number);
    }

    /// <summary>Reads a JSON value (from initialData, a JSON file or a hook's result) into a cell value.</summary>
    public static CellValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => FromString(element.GetString()),
        JsonValueKind.Number => FromNumber(element.GetDouble()),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Array => FromArray(element.EnumerateArray().Select(FromJson).ToArray()),
        JsonValueKind.Object => FromString(element.GetRawText()),
        _ => Null,
    };

    public bool Equals(CellValue other)
    {
        if (Kind != other.Kind) return false;
        return Kind switch
        {
            CellValueKind.String => string.Equals((string?)_reference, (string?)other._reference, StringComparison.Ordinal),
            CellValueKind.Number or CellValueKind.Boolean => _number.Equals(other._number),
            CellValueKind.Array => ((CellValue[])_reference!).AsSpan().SequenceEqual((CellValue[])other._reference!),
            _ => true,
        };
    }

    public override bool Equals(object? obj) => obj is CellValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        CellValueKind.String => HashCode.Combine(Kind, (string?)_reference),
        CellValueKind.Array => HashCode.Combine(Kind, ((CellValue[])_reference!).Length),
        _ => HashCode.Combine(Kind, _number),
    };

    public static bool operator ==(CellValue left, CellValue right) => left.Equals(right);
    public static bool operator !=(CellValue left, CellValue right) => !left.Equals(right);

    public override string ToString() => Kind == CellValueKind.Null ? "null" : ToText();
}
