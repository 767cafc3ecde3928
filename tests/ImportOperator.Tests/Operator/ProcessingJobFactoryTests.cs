using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Operator.Hosting;
using ImportOperator.Operator.Jobs;
using ImportOperator.Storage;
using ImportOperator.Worker;
using k8s.Models;

namespace ImportOperator.Tests.Operator;

public sealed class ProcessingJobFactoryTests
{
    static readonly ObjectStorageOptions Storage = new() { Bucket = "imports", ServiceUrl = "http://minio:9000", Region = "us-east-1", ForcePathStyle = true };

    static HeadlessImport Import(string name = "contacts-2026-11", string uid = "0f8fad5b-d9cb-469f-a165-70867728950e") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "crm", Uid = uid, Generation = 1 },
        Spec = new HeadlessImportSpec { OriginalFilename = "contacts.csv", Fields = [new FieldDefinition { Key = "a", Label = "A" }] },
    };

    static V1Job Build(ImportSettings? settings = null, WorkerJobOptions? worker = null)
    {
        var import = Import();
        return new ProcessingJobFactory(worker ?? new WorkerJobOptions(), Storage)
            .Build(import, settings ?? new ImportSettings(), ImportObjectKeys.For("crm", import.Metadata.Name, import.Metadata.Uid, "contacts.csv"));
    }

    [Fact]
    public void The_job_is_named_after_the_import_and_owned_by_it_as_its_controller()
    {
        var job = Build();

        Assert.Equal("contacts-2026-11-0f8fad5b", job.Metadata.Name);
        var owner = Assert.Single(job.Metadata.OwnerReferences);
        Assert.True(owner.Controller);
        Assert.Equal(("HeadlessImport", "importoperator.io/v1alpha1", "0f8fad5b-d9cb-469f-a165-70867728950e"), (owner.Kind, owner.ApiVersion, owner.Uid));
    }

    [Fact]
    public void Long_import_names_still_give_a_job_name_that_fits_a_label_value()
    {
        var name = ProcessingJobNames.For(new string('x', 250), "0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.True(name.Length <= 63);
        Assert.EndsWith("-0f8fad5b", name);
    }

    [Fact]
    public void The_worker_runs_non_root_on_a_read_only_root_file_system_without_privileges_or_api_token()
    {
        var pod = Build().Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.Equal(["worker", "--request-key", "crm/contacts-2026-11/0f8fad5b-d9cb-469f-a165-70867728950e/request.json"], container.Args);
    }

    [Fact]
    public void Storage_credentials_come_from_a_secret_by_reference_never_inline()
    {
        var env = Build().Spec.Template.Spec.Containers[0].Env;

        var key = Assert.Single(env, e => e.Name == "AWS_ACCESS_KEY_ID");
        Assert.Null(key.Value);
        Assert.Equal(("import-operator-storage", "accessKeyId"), (key.ValueFrom.SecretKeyRef.Name, key.ValueFrom.SecretKeyRef.Key));
        Assert.Equal("imports", env.Single(e => e.Name == "IMPORT_OPERATOR_Storage__Bucket").Value);
        Assert.Equal("http://minio:9000", env.Single(e => e.Name == "IMPORT_OPERATOR_Storage__ServiceUrl").Value);
    }

    [Fact]
    public void With_workload_identity_no_credential_variables_are_set()
    {
        var env = Build(worker: new WorkerJobOptions { StorageSecretName = "" }).Spec.Template.Spec.Containers[0].Env;

        Assert.DoesNotContain(env, e => e.Name.StartsWith("AWS_", StringComparison.Ordinal));
    }

    [Fact]
    public void The_worker_gets_the_measured_gc_settings_unless_the_worker_environment_sets_its_own()
    {
        var defaults = Build().Spec.Template.Spec.Containers[0].Env;
        Assert.Equal("1", Assert.Single(defaults, e => e.Name == "DOTNET_gcConcurrent").Value);
        Assert.Equal("0x2000000", Assert.Single(defaults, e => e.Name == "DOTNET_GCgen0size").Value);

        var own = Build(worker: new WorkerJobOptions { Environment = new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x4000000" } })
            .Spec.Template.Spec.Containers[0].Env;
        Assert.Equal("0x4000000", Assert.Single(own, e => e.Name == "DOTNET_GCgen0size").Value);
        Assert.Single(own, e => e.Name == "DOTNET_gcConcurrent");
    }

    [Fact]
    public void Processing_settings_set_the_deadline_and_resources()
    {
        var job = Build(new ImportSettings
        {
            Processing = new ProcessingSettings
            {
                TimeoutSeconds = 600,
                Resources = new ProcessingResources { Requests = new() { ["cpu"] = "500m" }, Limits = new() { ["memory"] = "2Gi" } },
            },
        });

        Assert.Equal(600, job.Spec.ActiveDeadlineSeconds);
        var resources = job.Spec.Template.Spec.Containers[0].Resources;
        Assert.Equal("500m", resources.Requests["cpu"].ToString());
        Assert.Equal("2Gi", resources.Limits["memory"].ToString());
    }

    [Fact]
    public void A_quantity_that_does_not_parse_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidProcessingSettingsException>(() => Build(new ImportSettings
        {
            Processing = new ProcessingSettings { Resources = new ProcessingResources { Limits = new() { ["memory"] = "two gigs" } } },
        }));

        Assert.Contains("spec.settings.processing.resources.limits.memory", error.Message);
    }

    [Fact]
    public void Bad_data_is_never_retried_and_the_worker_s_permanent_exit_fails_the_job_at_once()
    {
        var job = Build(worker: new WorkerJobOptions { BackoffLimit = 2 });

        Assert.Equal(2, job.Spec.BackoffLimit);
        var rule = Assert.Single(job.Spec.PodFailurePolicy.Rules);
        Assert.Equal("FailJob", rule.Action);
        Assert.Equal([WorkerExitCodes.Permanent], rule.OnExitCodes.Values);
        Assert.Equal("FallbackToLogsOnError", job.Spec.Template.Spec.Containers[0].TerminationMessagePolicy);
    }
}
