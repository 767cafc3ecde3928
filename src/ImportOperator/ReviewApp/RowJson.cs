using ImportOperator.Engine.Results;
using ImportOperator.Engine.Review;
using ImportOperator.Engine.Rows;

namespace ImportOperator.ReviewApp;

/// <summary>The grid's wire format: per row its index, validity, and per field the cell text and its messages.</summary>
internal static class RowJson
{
    public sealed record Message(string Text, string Level);
    public sealed record Cell(string Key, string Value, IReadOnlyList<Message> Messages);
    public sealed record Row(long Index, bool HasError, IReadOnlyList<Cell> Cells, IReadOnlyList<Message> RowMessages);
    public sealed record Page(long Total, long Start, long TotalRows, long RowsWithErrors, IReadOnlyList<Row> Rows);

    public static Row Of(ReviewRow row, IReadOnlyList<string> keys) => new(
        row.Index,
        row.HasError,
        keys.Select((key, f) => new Cell(key, row.Values[f].ToText(), Messages(row.Messages[f]))).ToArray(),
        Messages(row.RowMessages ?? []));

    private static Message[] Messages(IEnumerable<CellMessage> messages) =>
        messages.Select(m => new Message(m.Message, LevelNames.Of(m.Level))).ToArray();
}
