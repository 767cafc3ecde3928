namespace ImportOperator.Engine.Types;

/// <summary>A wall-clock time to the minute (seconds are read and dropped).</summary>
internal readonly record struct ClockTime(int Hour, int Minute)
{
    /// <summary>Writes "HH:mm" (5 characters).</summary>
    public void WriteTo(Span<char> destination)
    {
        Digits.Write(destination, Hour, 2);
        destination[2] = ':';
        Digits.Write(destination[3..], Minute, 2);
    }
}
