using ImportOperator.Engine.Matching;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Turns a file row's cells into an <see cref="ImportRow"/> through the column mapping: one raw value per field
/// (an array for manyToOne), unmapped columns kept when passed through, and a row warning when the row has more
/// non-empty cells than the header has columns (those cells are not imported, and the user is told so).
/// </summary>
internal sealed class RowBuilder(ColumnMapping mapping, bool passThroughUnmapped)
{
    private readonly int[][] _columnsByField = mapping.ColumnsByField;
    private readonly int _width = mapping.Headers.Count;

    public ImportRow Build(long index, string[] cells)
    {
        var row = new ImportRow(index, _columnsByField.Length);
        for (var field = 0; field < _columnsByField.Length; field++)
        {
            var columns = _columnsByField[field];
            if (columns.Length == 0) continue;
            if (columns.Length == 1) row.Values[field] = CellValue.FromString(Cell(cells, columns[0]));
            else
            {
                var items = new CellValue[columns.Length];
                for (var i = 0; i < columns.Length; i++) items[i] = CellValue.FromString(Cell(cells, columns[i]));
                row.Values[field] = CellValue.FromArray(items);
            }
        }
        if (passThroughUnmapped && mapping.UnmappedColumns.Length > 0)
        {
            var unmapped = new List<KeyValuePair<string, string>>(mapping.UnmappedColumns.Length);
            foreach (var column in mapping.UnmappedColumns)
                unmapped.Add(new KeyValuePair<string, string>(mapping.Headers[column], Cell(cells, column)));
            row.Unmapped = unmapped;
        }
        if (cells.Length > _width) WarnAboutExtraCells(row, cells);
        return row;
    }

    private static string Cell(string[] cells, int column) => column < cells.Length ? cells[column] : "";

    private void WarnAboutExtraCells(ImportRow row, string[] cells)
    {
        var extra = new List<string>();
        for (var column = _width; column < cells.Length; column++)
            if (!string.IsNullOrWhiteSpace(cells[column])) extra.Add(cells[column]);
        if (extra.Count == 0) return;
        var shown = string.Join(", ", extra.Take(3).Select(v => $"'{(v.Length > 40 ? v[..40] + "…" : v)}'"));
        row.AddRowMessage(CellMessage.Warning(
            $"This row has {cells.Length} cells but the header has {_width} columns; the {extra.Count} non-empty cell(s) past the last column were not imported: {shown}{(extra.Count > 3 ? ", …" : "")}."));
    }
}
