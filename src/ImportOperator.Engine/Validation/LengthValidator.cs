using System.Globalization;
using System.Text;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// <c>length</c>: the number of characters is within [min, max] (inclusive; either bound may be absent).
/// Characters are user-perceived characters (Unicode extended grapheme clusters): "é" written as e + accent,
/// a flag or a family emoji each count as one, as a person counting them would.
/// </summary>
internal sealed class LengthValidator(int field, CellMessage failure, int? min, int? max)
    : FieldValidator(field, failure)
{
    public override void Validate(ImportRow row)
    {
        if (CellText.IsEmpty(row, Field)) return;
        Span<char> scratch = stackalloc char[CellText.ScratchLength];
        var length = CountCharacters(CellText.Read(row, Field, scratch));
        if (length < min || length > max) Fail(row);
    }

    /// <summary>Counts grapheme clusters; plain ASCII without CR (CR LF is one cluster) is the fast path.</summary>
    public static int CountCharacters(ReadOnlySpan<char> text)
    {
        if (Ascii.IsValid(text) && !text.Contains('\r')) return text.Length;
        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            count++;
        }
        return count;
    }
}
