using System.Globalization;

namespace ImportOperator.Engine.Header;

/// <summary>
/// Finds the header among the first rows of a file: the first of the top <see cref="RowsExamined"/> non-blank rows
/// that is about as filled as the rows around it and whose cells are mostly distinct, non-numeric text. Rows above
/// it (titles, export notes) are dropped.
/// </summary>
public static class HeaderRowDetector
{
    public const int RowsExamined = 10;

    /// <summary>
    /// A row counts as filled like the others when it has at least this share of the median row's cells: a title
    /// row of one or two cells falls short, while a header with one blank title (common over an index column) and a
    /// header above ragged data rows (some with extra cells) both qualify.
    /// </summary>
    private const double FillTolerance = 0.8;

    /// <summary>Returns the index of the header among <paramref name="rows"/> (non-blank rows), or -1 when none qualifies.</summary>
    public static int Detect(IReadOnlyList<string[]> rows)
    {
        var examined = Math.Min(rows.Count, RowsExamined);
        if (examined == 0) return -1;
        var fills = new int[examined];
        for (var i = 0; i < examined; i++) fills[i] = Filled(rows[i]);
        var sorted = fills.Order().ToArray();
        var medianFilled = sorted[examined / 2];
        for (var i = 0; i < examined; i++)
            if (fills[i] >= Math.Max(1, FillTolerance * medianFilled) && LooksLikeHeader(rows[i], fills[i])) return i;
        return -1;
    }

    private static int Filled(string[] row)
    {
        var count = 0;
        foreach (var cell in row) if (!string.IsNullOrWhiteSpace(cell)) count++;
        return count;
    }

    /// <summary>
    /// More than half of the filled cells are text (not numbers or dates) and more than half are distinct (so a
    /// header with a duplicated name still counts; a row repeating one value does not).
    /// </summary>
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
        return textual * 2 > filled && distinct.Count * 2 > filled;
    }

    private static bool IsNumberLike(string cell) =>
        double.TryParse(cell.Replace(",", "").Replace(" ", ""), NumberStyles.Float | NumberStyles.AllowCurrencySymbol,
            CultureInfo.InvariantCulture, out _) || cell.TrimStart('$', '€', '£').All(c => char.IsDigit(c) || c is '.' or ',' or '-' or '%' or ' ' or '+');

    private static bool IsDateLike(string cell) =>
        cell.Length is >= 6 and <= 30 && char.IsDigit(cell[0]) &&
        (DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _) ||
         cell.Count(c => c is '/' or '-' or '.') >= 2 && cell.All(c => char.IsDigit(c) || c is '/' or '-' or '.' or ' ' or ':'));
}
