namespace ImportOperator.Engine.Types;

/// <summary>Fixed-width decimal digits for the date and time results.</summary>
internal static class Digits
{
    /// <summary>Writes <paramref name="value"/> zero-padded to <paramref name="width"/> digits.</summary>
    public static void Write(Span<char> destination, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
