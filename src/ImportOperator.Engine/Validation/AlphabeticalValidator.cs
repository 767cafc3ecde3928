using System.Globalization;
using System.Text;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// <c>alphabetical</c>: letters only — any Unicode letter (so "Zoë", "Łódź", "東京" pass), plus combining marks
/// after a letter (accents written separately, vowel signs of Indic scripts). Spaces, apostrophes, hyphens,
/// digits and punctuation fail, as in Dromo; a regex_match covers names such as "O'Brien" or "Jean-Luc".
/// </summary>
internal sealed class AlphabeticalValidator(int field, CellMessage failure) : FieldValidator(field, failure)
{
    public override void Validate(ImportRow row)
    {
        if (CellText.IsEmpty(row, Field)) return;
        Span<char> scratch = stackalloc char[CellText.ScratchLength];
        if (!IsLettersOnly(CellText.Read(row, Field, scratch))) Fail(row);
    }

    public static bool IsLettersOnly(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (char.IsAsciiLetter(text[i])) { i++; continue; }
            if (char.IsAscii(text[i])) return false;
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                return false;
            var category = Rune.GetUnicodeCategory(rune);
            var isLetter = category <= UnicodeCategory.OtherLetter;
            var isMarkAfterLetter = i > 0 &&
                category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!isLetter && !isMarkAfterLetter) return false;
            i += consumed;
        }
        return true;
    }
}
