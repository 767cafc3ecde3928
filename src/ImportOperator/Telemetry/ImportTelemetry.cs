using System.Diagnostics;

namespace ImportOperator.Telemetry;

/// <summary>
/// The product's ActivitySource and Meter names, and the attribute names its spans and metrics share. The operator
/// and the worker use the same names; the service name (import-operator, import-operator-worker) tells them apart.
/// </summary>
public static class ImportTelemetry
{
    /// <summary>ActivitySource and Meter of the product (imports); the runtime has its own ("ImportOperator.Runtime").</summary>
    public const string SourceName = "ImportOperator";

    public const string OperatorServiceName = "import-operator";
    public const string WorkerServiceName = "import-operator-worker";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Span and metric attributes.</summary>
    public static class Attributes
    {
        public const string Namespace = "k8s.namespace.name";
        public const string Name = "importoperator.import.name";
        public const string Uid = "importoperator.import.uid";
        public const string Phase = "importoperator.import.phase";
        public const string Reason = "importoperator.import.reason";
        public const string Stage = "importoperator.stage";
        public const string StageBusy = "importoperator.stage.busy_seconds";
        public const string StageRuns = "importoperator.stage.runs";
        public const string Rows = "importoperator.import.rows";
        public const string InvalidRows = "importoperator.import.invalid_rows";
        public const string InputBytes = "importoperator.import.input_bytes";
    }

    /// <summary>The import's identity on a span.</summary>
    public static void TagImport(Activity? activity, string? @namespace, string? name, string? uid)
    {
        if (activity is null) return;
        activity.SetTag(Attributes.Namespace, @namespace);
        activity.SetTag(Attributes.Name, name);
        activity.SetTag(Attributes.Uid, uid);
    }
}
