namespace ImportOperator.Cli.Import;

/// <summary>A bad argument, flag or input file: the verb prints the message and exits 1 (as <c>process</c> does).</summary>
public sealed class UsageException(string message) : Exception(message);
