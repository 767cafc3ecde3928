using k8s;
using k8s.Models;

namespace ImportOperator.Tests.Ship;

/// <summary>A ServiceMonitor (Prometheus Operator), which KubernetesClient has no model for.</summary>
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public Dictionary<string, object>? Spec { get; set; }
}

/// <summary>`helm template` of charts/import-operator, parsed into KubernetesClient models.</summary>
public sealed class RenderedChart
{
    public const string Release = "shop";
    public const string Namespace = "import-operator-system";

    RenderedChart(string yaml, IReadOnlyList<object> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    public string Yaml { get; }
    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    public T Single<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} named {name} was rendered. Rendered: {string.Join(", ", Objects.OfType<IKubernetesObject<V1ObjectMeta>>().Select(o => $"{o.Kind}/{o.Metadata.Name}"))}");

    public IEnumerable<V1PodSpec> PodSpecs() => OfType<V1Deployment>().Select(d => d.Spec.Template.Spec);

    /// <summary>Renders with the given values files and --set pairs; fails the test with helm's error when it does not render.</summary>
    public static RenderedChart Render(IEnumerable<string>? valuesFiles = null, IEnumerable<string>? sets = null, IEnumerable<string>? apiVersions = null)
    {
        var result = TryRender(valuesFiles, sets, apiVersions);
        Assert.True(result.ExitCode == 0, result.Describe("helm template"));
        return Parse(result.Output);
    }

    public static ShipTools.Result TryRender(IEnumerable<string>? valuesFiles = null, IEnumerable<string>? sets = null, IEnumerable<string>? apiVersions = null)
    {
        List<string> arguments = ["template", Release, ShipTools.Chart, "--namespace", Namespace];
        foreach (var file in valuesFiles ?? []) arguments.AddRange(["--values", file]);
        foreach (var set in sets ?? []) arguments.AddRange(["--set", set]);
        foreach (var version in apiVersions ?? []) arguments.AddRange(["--api-versions", version]);
        return ShipTools.Run(ShipTools.Helm, arguments);
    }

    public static RenderedChart Parse(string yaml)
    {
        var typeMap = new Dictionary<string, Type> { ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor) };
        return new RenderedChart(yaml, KubernetesYaml.LoadAllFromString(yaml, typeMap, strict: true));
    }

    /// <summary>The values file that sets every option the chart has (tests/.../Ship/every-option.values.yaml).</summary>
    public static string EveryOptionValues => RepositoryPaths.Of("tests", "ImportOperator.Tests", "Ship", "every-option.values.yaml");
}
