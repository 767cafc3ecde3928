using k8s;

namespace ImportOperator.Operator.Hosting;

/// <summary>Finds the cluster the way kubectl does: --kubeconfig, then KUBECONFIG, then ~/.kube/config, then in-cluster.</summary>
public static class KubernetesConnection
{
    public static KubernetesClientConfiguration Configure(string? kubeconfig, string? context)
    {
        if (!string.IsNullOrWhiteSpace(kubeconfig))
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            // KUBECONFIG may list several files; like kubectl, the first existing one is used here.
            var first = fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
            if (first is not null) return KubernetesClientConfiguration.BuildConfigFromConfigFile(first, context);
        }
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home)) return KubernetesClientConfiguration.BuildConfigFromConfigFile(home, context);
        if (KubernetesClientConfiguration.IsInCluster()) return KubernetesClientConfiguration.InClusterConfig();
        throw new InvalidOperationException("No cluster to talk to: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or run in a pod.");
    }
}
