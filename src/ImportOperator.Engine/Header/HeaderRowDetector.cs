using System.Globalization;

namespace ImportOperator.Engine.Header;

/// <summary>
/// Finds the header among the first rows of a file: the first of the top <see cref="RowsExamined"/> non-blank rows
/// that is (nearly) the most filled and whose cells are mostly distinct, non-numeric text. Rows above it (titles,
/// export notes) are dropped.
/// </summary>
public static class HeaderRowDetector
{
    public const int RowsExamined = 10;

    /// <summary>
    /// A row counts as "most filled" when it has at least this share of the fullest row's cells, so that a header
    /// with one blank title (common over an index column) still beats the full data rows below it.
    /// </summary>
    private const double FillTolerance = 0.8;

    /// <summary>Returns the index of the header among <paramref name="rows"/> (non-blank rows), or -1 when none qualifies.</summary>
    public static int Detect(IReadOnlyList<string[]> rows)
    {
        var examined = Math.Min(rows.Count, RowsExamined);
        if (examined == 0) return -1;
        var maxFilled = 0;
        for (var i = 0; i < examined; i++) maxFilled = Math.Max(maxFilled, Filled(rows[i]));
        for (var i = 0; i < examined; i++)
        {
            var filled = Filled(rows[i]);
            if (filled >= Math.Max(1, FillTolerance * maxFilled) && LooksLikeHeader(rows[i], filled)) return i;
        }
        return -1;
    }

    private static int Filled(string[] row)
    {
        var count = 0;
        foreach (var cell in row) if (!string.IsNullOrWhiteSpace(cell)) count++;
        return count;
    }

    /// <summary>More than half of the filled cells are text (not numbers or dates), and nearly all are distinct.</summary>
    private static bool LooksLikeHeader(string[] row, int filled)
    {
        var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var textual = 0;
        foreach (var raw in row)
        {
            var cell = raw.Trim();
            if (cell.Length == 0) continue;
            distinct.Add(cell);
            if (!IsNumberLike(cell) && !IsDateLike(cell)) textual++;
        }
        return textual * 2 > filled && distinct.Count >= Math.Ceiling(filled * 0.8);
    }

    private static bool IsNumberLike(string cell) =>
        double.TryParse(cell.Replace(",", "").Replace(" ", ""), NumberStyles.Float | NumberStyles.AllowCurrencySymbol,
            CultureInfo.InvariantCulture, out _) || cell.TrimStart('$', '€', '£').All(c => char.IsDigit(c) || c is '.' or ',' or '-' or '%' or ' ' or '+');

    private static bool IsDateLike(string cell) =>
        cell.Length is >= 6 and <= 30 && char.IsDigit(cell[0]) &&
        (DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _) ||
         cell.Count(c => c is '/' or '-' or '.') >= 2 && cell.All(c => char.IsDigit(c) || c is '/' or '-' or '.' or ' ' or ':'));
}
