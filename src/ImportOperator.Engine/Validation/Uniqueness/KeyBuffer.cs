using System.Globalization;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>A reusable, growable character buffer in which a tracker builds the key of each row (single-threaded).</summary>
internal sealed class KeyBuffer
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    /// <summary>Scratch space for formatting a number before it is appended.</summary>
    public char[] NumberScratch { get; } = new char[CellText.ScratchLength];

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<char> text)
    {
        EnsureRoom(text.Length);
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Appends the text folded to invariant upper case, for case-insensitive comparison.</summary>
    public void AppendUpperInvariant(ReadOnlySpan<char> text)
    {
        EnsureRoom(text.Length);
        text.ToUpperInvariant(_chars.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Appends "length:text", so that concatenated parts can never run into one another.</summary>
    public void AppendLengthPrefixed(ReadOnlySpan<char> text)
    {
        EnsureRoom(12 + text.Length);
        text.Length.TryFormat(_chars.AsSpan(Length), out var written, provider: CultureInfo.InvariantCulture);
        Length += written;
        _chars[Length++] = ':';
        Append(text);
    }

    private void EnsureRoom(int extra)
    {
        if (Length + extra <= _chars.Length) return;
        Array.Resize(ref _chars, Math.Max(Length + extra, _chars.Length * 2));
    }
}
