using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Operator.Hosting;
using ImportOperator.Operator.Jobs;
using ImportOperator.Storage;
using k8s.Models;

namespace ImportOperator.Tests.Operator;

/// <summary>A split import's chunks (Indexed) and merge Jobs: named after the processing Job, built like it, one step each.</summary>
public sealed class SplitJobFactoryTests
{
    static readonly ObjectStorageOptions Storage = new() { Bucket = "imports", ServiceUrl = "http://minio:9000", Region = "us-east-1", ForcePathStyle = true };

    static readonly HeadlessImport Import = new()
    {
        Metadata = new V1ObjectMeta { Name = "contacts-2026-11", NamespaceProperty = "crm", Uid = "0f8fad5b-d9cb-469f-a165-70867728950e", Generation = 1 },
        Spec = new HeadlessImportSpec { OriginalFilename = "contacts.csv", Fields = [new FieldDefinition { Key = "a", Label = "A" }] },
    };

    static readonly ImportObjectKeys Keys = ImportObjectKeys.For("crm", Import.Metadata.Name, Import.Metadata.Uid, "contacts.csv");

    static readonly ImportSettings Settings = new()
    {
        Processing = new ProcessingSettings { Resources = new ProcessingResources { Limits = new() { ["memory"] = "2Gi" } }, TimeoutSeconds = 900 },
    };

    static ProcessingJobFactory Factory(int backoffLimit = 1) => new(new WorkerJobOptions { BackoffLimit = backoffLimit }, Storage);

    [Fact]
    public void The_chunks_job_is_indexed_one_completion_per_chunk_with_parallelism_capped_and_per_index_retries()
    {
        var job = Factory(backoffLimit: 2).BuildChunks(Import, Settings, Keys, chunkCount: 12, maxParallel: 8);

        Assert.Equal("contacts-2026-11-0f8fad5b-chunks", job.Metadata.Name);
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(12, job.Spec.Completions);
        Assert.Equal(8, job.Spec.Parallelism);
        Assert.Equal(2, job.Spec.BackoffLimitPerIndex);
        Assert.Equal(0, job.Spec.MaxFailedIndexes);
        Assert.Null(job.Spec.BackoffLimit);
        Assert.Equal(["worker", "--request-key", Keys.Request, "--chunk"], job.Spec.Template.Spec.Containers[0].Args);
    }

    [Fact]
    public void Fewer_chunks_than_the_parallel_cap_all_run_at_once()
    {
        var job = Factory().BuildChunks(Import, Settings, Keys, chunkCount: 3, maxParallel: 8);

        Assert.Equal(3, job.Spec.Parallelism);
    }

    [Fact]
    public void The_merge_job_runs_the_merge_step_once_with_the_processing_jobs_retries()
    {
        var job = Factory(backoffLimit: 2).BuildMerge(Import, Settings, Keys);

        Assert.Equal("contacts-2026-11-0f8fad5b-merge", job.Metadata.Name);
        Assert.Null(job.Spec.CompletionMode);
        Assert.Equal(2, job.Spec.BackoffLimit);
        Assert.Equal(["worker", "--request-key", Keys.Request, "--merge"], job.Spec.Template.Spec.Containers[0].Args);
    }

    [Fact]
    public void Chunk_and_merge_pods_have_the_processing_pods_security_resources_deadline_owner_and_failure_policy()
    {
        var factory = Factory();
        var processing = factory.Build(Import, Settings, Keys);
        foreach (var job in new[] { factory.BuildChunks(Import, Settings, Keys, 4, 8), factory.BuildMerge(Import, Settings, Keys) })
        {
            var pod = job.Spec.Template.Spec;
            var expected = processing.Spec.Template.Spec;
            Assert.Equal(k8s.KubernetesJson.Serialize(expected.SecurityContext), k8s.KubernetesJson.Serialize(pod.SecurityContext));
            Assert.Equal(k8s.KubernetesJson.Serialize(expected.Containers[0].SecurityContext), k8s.KubernetesJson.Serialize(pod.Containers[0].SecurityContext));
            Assert.Equal(k8s.KubernetesJson.Serialize(expected.Containers[0].Resources), k8s.KubernetesJson.Serialize(pod.Containers[0].Resources));
            Assert.Equal(k8s.KubernetesJson.Serialize(expected.Volumes), k8s.KubernetesJson.Serialize(pod.Volumes));
            Assert.Equal(expected.Containers[0].Image, pod.Containers[0].Image);
            Assert.Equal(expected.AutomountServiceAccountToken, pod.AutomountServiceAccountToken);
            Assert.Equal(900, job.Spec.ActiveDeadlineSeconds);
            Assert.Equal(k8s.KubernetesJson.Serialize(processing.Spec.PodFailurePolicy), k8s.KubernetesJson.Serialize(job.Spec.PodFailurePolicy));
            Assert.Equal(k8s.KubernetesJson.Serialize(processing.Metadata.OwnerReferences), k8s.KubernetesJson.Serialize(job.Metadata.OwnerReferences));
            Assert.Equal(processing.Metadata.Labels, job.Metadata.Labels);
        }
    }

    [Fact]
    public void Long_import_names_give_three_distinct_job_names_that_fit_a_label_value()
    {
        var import = new HeadlessImport { Metadata = new V1ObjectMeta { Name = new string('x', 250), Uid = "0f8fad5b-d9cb-469f-a165-70867728950e" } };

        var names = ProcessingJobNames.All(import);

        Assert.Equal(3, names.Distinct().Count());
        Assert.All(names, n => Assert.True(n.Length <= 63, $"{n} is {n.Length} characters"));
        Assert.EndsWith("-0f8fad5b-chunks", ProcessingJobNames.Chunks(import));
        Assert.EndsWith("-0f8fad5b-merge", ProcessingJobNames.Merge(import));
    }

    [Theory]
    [InlineData(null, new int[0])]
    [InlineData("", new int[0])]
    [InlineData("0-2,4", new[] { 0, 1, 2, 4 })]
    [InlineData("3", new[] { 3 })]
    [InlineData("1-x", new int[0])]
    public void Completed_indexes_are_read_as_the_job_controller_writes_them(string? text, int[] expected)
    {
        Assert.Equal(expected, IndexedJobIndexes.Parse(text).Order());
        if (expected.Length > 0) Assert.Equal(text, IndexedJobIndexes.Format(expected));
    }
}
