using System.Diagnostics;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Operator.Hosting;
using ImportOperator.Operator.Jobs;
using ImportOperator.Storage;
using ImportOperator.Telemetry;
using k8s.Models;

namespace ImportOperator.Tests.Telemetry;

/// <summary>The pieces that join an import's trace and configure export, without a cluster.</summary>
public sealed class TelemetryWiringTests
{
    static HeadlessImport Import(Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "contacts", NamespaceProperty = "crm", Uid = "0f8fad5b-d9cb-469f-a165-70867728950e", Annotations = annotations },
        Spec = new HeadlessImportSpec { OriginalFilename = "contacts.csv", Fields = [new FieldDefinition { Key = "a", Label = "A" }] },
    };

    static V1Job BuildJob(IReadOnlyDictionary<string, string> telemetry)
    {
        var import = Import();
        return new ProcessingJobFactory(new WorkerJobOptions(), new ObjectStorageOptions { Bucket = "imports" }) { TelemetryEnvironment = telemetry }
            .Build(import, new ImportSettings(), ImportObjectKeys.For("crm", "contacts", import.Metadata.Uid, "contacts.csv"));
    }

    [Fact]
    public void The_trace_context_annotation_is_read_back_as_the_parent_of_later_reconciles()
    {
        var import = Import(new() { [ImportTraceContext.Annotation] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });

        var parent = ImportTraceContext.Of(import);

        Assert.NotNull(parent);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", parent.Value.TraceId.ToHexString());
        Assert.Equal("00f067aa0ba902b7", parent.Value.SpanId.ToHexString());
        Assert.Null(ImportTraceContext.Of(Import(new() { [ImportTraceContext.Annotation] = "not a traceparent" })));
        Assert.Null(ImportTraceContext.Of(Import()));
    }

    [Fact]
    public void With_otlp_the_job_gets_the_collector_settings_its_resource_and_the_creating_span_as_traceparent()
    {
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=prod",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "authorization=secret",
        };
        var inherited = WorkerTelemetryEnvironment.From(otlp: true, name => environment.GetValueOrDefault(name));
        using var reconcile = new Activity("reconcile headlessimport").SetIdFormat(ActivityIdFormat.W3C).Start(); // current while the Job is built
        reconcile.ActivityTraceFlags |= ActivityTraceFlags.Recorded;

        var env = BuildJob(inherited).Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal("http://collector:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.False(env.ContainsKey("OTEL_EXPORTER_OTLP_HEADERS")); // credentials never copied into a Job
        Assert.Equal("deployment.environment=prod,k8s.namespace.name=crm,k8s.job.name=contacts-0f8fad5b,importoperator.import.uid=0f8fad5b-d9cb-469f-a165-70867728950e", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal($"00-{reconcile.TraceId.ToHexString()}-{reconcile.SpanId.ToHexString()}-01", env[ProcessingJobFactory.TraceParentVariable]);
    }

    [Fact]
    public void Without_otlp_the_job_carries_no_telemetry_variables()
    {
        var inherited = WorkerTelemetryEnvironment.From(otlp: false, _ => "http://collector:4317");

        var names = BuildJob(inherited).Spec.Template.Spec.Containers[0].Env.Select(e => e.Name).ToList();

        Assert.DoesNotContain(names, n => n.StartsWith("OTEL_", StringComparison.Ordinal) || n == ProcessingJobFactory.TraceParentVariable);
    }

    [Theory]
    [InlineData(null, null, "text")]
    [InlineData("auto", "10.96.0.1", "json")]
    [InlineData(null, "10.96.0.1", "json")]
    [InlineData("text", "10.96.0.1", "text")]
    [InlineData("json", null, "json")]
    public void Logs_are_json_in_a_cluster_unless_told_otherwise(string? format, string? kubernetesHost, string expected)
    {
        Assert.Equal(expected, LogFormats.Resolve(format, name => name == "KUBERNETES_SERVICE_HOST" ? kubernetesHost : null));
    }

    [Fact]
    public void Bad_telemetry_settings_are_refused_naming_the_key()
    {
        var problems = new OperatorOptions { MetricsPort = 70000, LogFormat = "xml" }.Validate();

        Assert.Contains(problems, p => p.Contains("Operator:MetricsPort", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Operator:LogFormat", StringComparison.Ordinal) && p.Contains("xml", StringComparison.Ordinal));
    }
}
