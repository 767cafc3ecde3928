namespace ImportOperator.Engine.Types;

/// <summary>
/// What the phone-number type knows of one country: its calling code, the trunk prefix dialled before national
/// numbers (0 in most of Europe, 8 in Russia, 06 in Hungary, none in e.g. Italy and Spain) and the lengths of its
/// national significant numbers (the digits after the calling code in E.164).
/// </summary>
internal sealed record PhoneCountry(string IsoCode, string CallingCode, string TrunkPrefix, int MinLength, int MaxLength)
{
    /// <summary>The North American Numbering Plan (+1): area code and exchange never start with 0 or 1.</summary>
    public bool IsNanp => CallingCode == "1";

    public bool HasValidLength(ReadOnlySpan<char> nationalNumber) =>
        nationalNumber.Length >= MinLength && nationalNumber.Length <= MaxLength;
}
