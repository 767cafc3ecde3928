using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Rows;

/// <summary>A message on one cell: a parse error, a validator's verdict or a hook's info.</summary>
public readonly record struct CellMessage(string Message, MessageLevel Level)
{
    public static CellMessage Error(string message) => new(message, MessageLevel.Error);
    public static CellMessage Warning(string message) => new(message, MessageLevel.Warning);
    public static CellMessage Info(string message) => new(message, MessageLevel.Info);
}
