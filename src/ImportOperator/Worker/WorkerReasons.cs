namespace ImportOperator.Worker;

/// <summary>Reasons the worker itself gives (the engine's are in <c>OutcomeReasons</c>); the same words the process verb uses.</summary>
public static class WorkerReasons
{
    /// <summary>The frozen import breaks a rule of the spec; nothing was read.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The import names a schema the request does not carry.</summary>
    public const string SchemaNotFound = "SchemaNotFound";
}
