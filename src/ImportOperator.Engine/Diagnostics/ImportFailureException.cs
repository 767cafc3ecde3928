namespace ImportOperator.Engine.Diagnostics;

/// <summary>
/// The import cannot go on: thrown by a pipeline step with the outcome <see cref="Reason"/> (e.g. EmptyFile,
/// UnreadableFile, FileTooLarge, HookFailed) and a message that names the file, row, field or setting.
/// </summary>
public sealed class ImportFailureException(string reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Reason { get; } = reason;
}
