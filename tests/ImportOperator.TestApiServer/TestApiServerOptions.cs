namespace ImportOperator.TestApiServer;

/// <summary>How a test API server is set up.</summary>
public sealed class TestApiServerOptions
{
    /// <summary>CRD YAML files (or folders of them) to serve from the start, e.g. config/crd.</summary>
    public List<string> CrdPaths { get; } = [];

    /// <summary>Whether custom objects are checked against their CRD schema and CEL rules on every write.</summary>
    public bool ValidateCustomResources { get; set; } = true;

    /// <summary>How many changes watches can resume across; older resourceVersions get 410 Gone.</summary>
    public int WatchHistoryWindow { get; set; } = 100_000;

    /// <summary>How often an idle watch that asked for bookmarks receives one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Namespaces that exist from the start (the real cluster has these).</summary>
    public List<string> Namespaces { get; } = ["default", "kube-system"];

    /// <summary>Fixed port, or 0 to let the system pick a free one at run time.</summary>
    public int Port { get; set; }

    /// <summary>When set, Jobs whose container image matches run locally as child processes (see LocalJobRunner).</summary>
    public Jobs.LocalJobRunnerOptions? JobRunner { get; set; }
}
