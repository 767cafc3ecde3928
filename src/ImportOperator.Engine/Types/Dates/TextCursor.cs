namespace ImportOperator.Engine.Types;

/// <summary>A position in a cell's text with the small reads the date and time grammar is made of.</summary>
internal ref struct TextCursor(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;

    public int Position;

    public readonly bool AtEnd => Position >= _text.Length;

    public readonly char Current => Position < _text.Length ? _text[Position] : '\0';

    public readonly char Next => Position + 1 < _text.Length ? _text[Position + 1] : '\0';

    public readonly ReadOnlySpan<char> Rest => _text[Position..];

    public void SkipSpaces()
    {
        while (Position < _text.Length && char.IsWhiteSpace(_text[Position])) Position++;
    }

    public bool TryConsume(char c)
    {
        if (Current != c) return false;
        Position++;
        return true;
    }

    /// <summary>Reads a run of ASCII digits (at most 9) as a number.</summary>
    public bool TryReadNumber(out int value, out int digits)
    {
        value = 0;
        digits = 0;
        while (Position < _text.Length && char.IsAsciiDigit(_text[Position]))
        {
            if (++digits > 9) return false;
            value = value * 10 + (_text[Position++] - '0');
        }
        return digits > 0;
    }

    /// <summary>Reads a number of exactly <paramref name="digits"/> digits.</summary>
    public bool TryReadNumber(int digits, out int value) =>
        TryReadNumber(out value, out var read) && read == digits;

    /// <summary>Skips a run of digits of any length (a fraction of a second).</summary>
    public void SkipDigits()
    {
        while (Position < _text.Length && char.IsAsciiDigit(_text[Position])) Position++;
    }

    /// <summary>Reads a run of ASCII letters (empty when there is none).</summary>
    public ReadOnlySpan<char> ReadLetters()
    {
        var start = Position;
        while (Position < _text.Length && char.IsAsciiLetter(_text[Position])) Position++;
        return _text[start..Position];
    }
}
