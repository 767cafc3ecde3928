using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Hooks;

/// <summary>One cell of a column handed to a column hook: {index, value, rowId}.</summary>
public readonly record struct ColumnCell(long Index, CellValue Value);

/// <summary>
/// What a column hook returned for one cell: a new raw value (when <see cref="HasValue"/>) and/or info
/// messages that replace the cell's hook messages (when <see cref="Info"/> is not null).
/// </summary>
public readonly record struct ColumnCellChange(long Index, bool HasValue, CellValue Value, List<CellMessage>? Info);
