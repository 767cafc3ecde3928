using System.CommandLine;

namespace ImportOperator.Cli.Import;

/// <summary>The kubectl-style connection flags every verb takes: --kubeconfig, --context, -n/--namespace.</summary>
public sealed class ClusterOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster).",
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context to use (default: its current-context).",
    };

    public Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace of the import (default: the context's namespace, else 'default').",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
    }

    public ImportCluster Connect(ParseResult parse) =>
        ImportCluster.Connect(parse.GetValue(Kubeconfig), parse.GetValue(Context), parse.GetValue(Namespace));
}
