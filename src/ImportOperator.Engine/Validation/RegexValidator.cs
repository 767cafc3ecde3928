using System.Text.RegularExpressions;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary><c>regex_match</c> (the text must match) and <c>regex_exclude</c> (the text must not match).</summary>
internal sealed class RegexValidator(int field, CellMessage failure, Regex regex, bool mustMatch, CellMessage timedOut)
    : FieldValidator(field, failure)
{
    public bool MustMatch { get; } = mustMatch;

    public override void Validate(ImportRow row)
    {
        if (CellText.IsEmpty(row, Field)) return;
        Span<char> scratch = stackalloc char[CellText.ScratchLength];
        bool matched;
        try
        {
            matched = regex.IsMatch(CellText.Read(row, Field, scratch));
        }
        catch (RegexMatchTimeoutException)
        {
            // A verdict we could not reach is reported as such rather than guessed.
            row.AddValidatorMessage(Field, timedOut);
            return;
        }
        if (matched != MustMatch) Fail(row);
    }
}
