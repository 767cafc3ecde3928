using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Operator.Hosting;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Helpers;
using ImportOperator.Storage;
using ImportOperator.Worker;
using k8s.Models;

namespace ImportOperator.Operator.Jobs;

/// <summary>
/// Builds the processing Job of one import: the operator's own image running the worker verb, owned by the import,
/// non-root with a read-only root file system, storage credentials only by reference to a Secret, limits from
/// settings.processing, and a podFailurePolicy that fails at once on the worker's "cannot be fixed by retrying" exit.
/// </summary>
public sealed class ProcessingJobFactory(WorkerJobOptions worker, ObjectStorageOptions storage)
{
    public const string ContainerName = "worker";
    public static readonly ResourceKind ImportKind = new(ApiGroup.Group, ApiGroup.Version, HeadlessImport.Plural, HeadlessImport.KindName);

    /// <summary>The W3C trace context variable the worker continues its trace from.</summary>
    public const string TraceParentVariable = "TRACEPARENT";

    /// <summary>OTEL_* variables for the worker (see <see cref="Telemetry.WorkerTelemetryEnvironment"/>); empty: the worker exports nothing.</summary>
    public IReadOnlyDictionary<string, string> TelemetryEnvironment { get; init; } = new Dictionary<string, string>();

    /// <exception cref="InvalidProcessingSettingsException">settings.processing holds a quantity that does not parse.</exception>
    public V1Job Build(HeadlessImport import, ImportSettings settings, ImportObjectKeys keys) =>
        Build(import, settings, keys, ProcessingJobNames.For(import), []);

    /// <summary>
    /// The Indexed Job of a split import: one pod per chunk (<c>worker --chunk</c>, the index from
    /// JOB_COMPLETION_INDEX), at most <paramref name="maxParallel"/> at once, each index retried on its own
    /// (backoffLimitPerIndex = Worker:BackoffLimit) and the Job failed at the first index that runs out of retries
    /// (maxFailedIndexes 0: the merge needs every chunk). Pod template, security and resources as the processing Job's.
    /// </summary>
    /// <exception cref="InvalidProcessingSettingsException">settings.processing holds a quantity that does not parse.</exception>
    public V1Job BuildChunks(HeadlessImport import, ImportSettings settings, ImportObjectKeys keys, int chunkCount, int maxParallel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        var job = Build(import, settings, keys, ProcessingJobNames.Chunks(import), ["--chunk"]);
        job.Spec.CompletionMode = "Indexed";
        job.Spec.Completions = chunkCount;
        job.Spec.Parallelism = Math.Min(chunkCount, maxParallel);
        job.Spec.BackoffLimit = null;
        job.Spec.BackoffLimitPerIndex = worker.BackoffLimit;
        job.Spec.MaxFailedIndexes = 0;
        return job;
    }

    /// <summary>The merge Job of a split import (<c>worker --merge</c>): like the processing Job, it commits the results.</summary>
    /// <exception cref="InvalidProcessingSettingsException">settings.processing holds a quantity that does not parse.</exception>
    public V1Job BuildMerge(HeadlessImport import, ImportSettings settings, ImportObjectKeys keys) =>
        Build(import, settings, keys, ProcessingJobNames.Merge(import), ["--merge"]);

    V1Job Build(HeadlessImport import, ImportSettings settings, ImportObjectKeys keys, string name, IReadOnlyList<string> stepArguments)
    {
        var labels = new Dictionary<string, string>
        {
            [ImportLabels.AppName] = "import-operator",
            [ImportLabels.Component] = "worker",
            [ImportLabels.ManagedBy] = ImportLabels.ManagedByValue,
            [ImportLabels.ImportName] = import.Metadata.Name,
            [ImportLabels.ImportUid] = import.Metadata.Uid,
        };
        var meta = new V1ObjectMeta { Name = name, NamespaceProperty = import.Metadata.NamespaceProperty, Labels = labels };
        OwnerReferences.SetController(meta, import, ImportKind);

        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = meta,
            Spec = new V1JobSpec
            {
                BackoffLimit = worker.BackoffLimit,
                ActiveDeadlineSeconds = settings.Processing?.TimeoutSeconds ?? worker.DefaultTimeoutSeconds,
                PodFailurePolicy = new V1PodFailurePolicy
                {
                    Rules =
                    [
                        new V1PodFailurePolicyRule
                        {
                            Action = "FailJob",
                            OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement
                            {
                                ContainerName = ContainerName, OperatorProperty = "In", Values = [WorkerExitCodes.Permanent],
                            },
                        },
                    ],
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = PodSpec(import, keys, settings, name, stepArguments),
                },
            },
        };
    }

    V1PodSpec PodSpec(HeadlessImport import, ImportObjectKeys keys, ImportSettings settings, string jobName, IReadOnlyList<string> stepArguments) => new()
    {
        // podFailurePolicy requires Never; retries are new pods, counted against backoffLimit.
        RestartPolicy = "Never",
        ServiceAccountName = worker.ServiceAccountName,
        // The worker talks to object storage only; it has no business with the Kubernetes API.
        AutomountServiceAccountToken = false,
        EnableServiceLinks = false,
        SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            RunAsUser = 1654, // the "app" user of the .NET runtime images
            RunAsGroup = 1654,
            FsGroup = 1654,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        Containers =
        [
            new V1Container
            {
                Name = ContainerName,
                Image = worker.Image,
                ImagePullPolicy = worker.ImagePullPolicy,
                Command = [worker.Executable],
                Args = ["worker", "--request-key", keys.Request, .. stepArguments],
                Env = Environment(import, jobName),
                Resources = Resources(settings.Processing?.Resources),
                // The worker's last stderr line says why it failed; the kubelet copies it into the pod status.
                TerminationMessagePolicy = "FallbackToLogsOnError",
                SecurityContext = new V1SecurityContext
                {
                    AllowPrivilegeEscalation = false,
                    ReadOnlyRootFilesystem = true,
                    RunAsNonRoot = true,
                    Privileged = false,
                    Capabilities = new V1Capabilities { Drop = ["ALL"] },
                },
                VolumeMounts = [new V1VolumeMount { Name = "scratch", MountPath = "/tmp" }],
            },
        ],
        Volumes =
        [
            new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(worker.ScratchSizeLimit) } },
        ],
    };

    List<V1EnvVar> Environment(HeadlessImport import, string jobName)
    {
        const string prefix = Configuration.AppConfiguration.EnvironmentPrefix + ObjectStorageOptions.SectionName + "__";
        var env = new List<V1EnvVar>
        {
            new() { Name = prefix + nameof(ObjectStorageOptions.Bucket), Value = storage.Bucket },
            new() { Name = prefix + nameof(ObjectStorageOptions.ForcePathStyle), Value = storage.ForcePathStyle ? "true" : "false" },
            new() { Name = prefix + nameof(ObjectStorageOptions.MultipartPartSizeBytes), Value = storage.MultipartPartSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        if (!string.IsNullOrWhiteSpace(storage.ServiceUrl)) env.Add(new() { Name = prefix + nameof(ObjectStorageOptions.ServiceUrl), Value = storage.ServiceUrl });
        if (!string.IsNullOrWhiteSpace(storage.Region)) env.Add(new() { Name = prefix + nameof(ObjectStorageOptions.Region), Value = storage.Region });
        if (!string.IsNullOrWhiteSpace(worker.StorageSecretName))
        {
            env.Add(SecretEnv("AWS_ACCESS_KEY_ID", WorkerNamespaceResources.AccessKeyIdKey));
            env.Add(SecretEnv("AWS_SECRET_ACCESS_KEY", WorkerNamespaceResources.SecretAccessKeyKey));
        }
        if (TelemetryEnvironment.Count > 0)
        {
            foreach (var (key, value) in TelemetryEnvironment.OrderBy(p => p.Key, StringComparer.Ordinal))
                if (key != Telemetry.WorkerTelemetryEnvironment.ResourceAttributes) env.Add(new() { Name = key, Value = value });
            // The worker's resource says which Job (and import) it is, so its metrics can be told apart per import.
            env.Add(new() { Name = Telemetry.WorkerTelemetryEnvironment.ResourceAttributes, Value = Telemetry.WorkerTelemetryEnvironment.ResourceAttributesFor(
                TelemetryEnvironment.GetValueOrDefault(Telemetry.WorkerTelemetryEnvironment.ResourceAttributes), import.Metadata.NamespaceProperty, jobName, import.Metadata.Uid) });
        }
        // The span creating the Job (a reconcile of this import, inside the import's trace) is the worker's parent.
        if (System.Diagnostics.Activity.Current is { } span && TelemetryEnvironment.Count > 0)
            env.Add(new() { Name = TraceParentVariable, Value = Telemetry.ImportTraceContext.TraceParent(span) });
        foreach (var (key, value) in WorkerGcEnvironment.Defaults)
            if (!worker.Environment.ContainsKey(key)) env.Add(new() { Name = key, Value = value });
        foreach (var (key, value) in worker.Environment.OrderBy(p => p.Key, StringComparer.Ordinal)) env.Add(new() { Name = key, Value = value });
        return env;
    }

    V1EnvVar SecretEnv(string name, string key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = worker.StorageSecretName, Key = key } },
    };

    V1ResourceRequirements Resources(ProcessingResources? given) => new()
    {
        Requests = Quantities(given?.Requests ?? worker.DefaultRequests, "requests"),
        Limits = Quantities(given?.Limits ?? worker.DefaultLimits, "limits"),
    };

    static Dictionary<string, ResourceQuantity> Quantities(Dictionary<string, string> values, string what)
    {
        var result = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        foreach (var (resource, text) in values)
        {
            try
            {
                var quantity = new ResourceQuantity(text);
                _ = quantity.ToDecimal(); // parsing is lazy: force it so a typo fails here, with the field named
                result[resource] = quantity;
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw new InvalidProcessingSettingsException($"spec.settings.processing.resources.{what}.{resource}: '{text}' is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 1Gi).");
            }
        }
        return result;
    }
}

/// <summary>settings.processing cannot be turned into a Job; the message names the field.</summary>
public sealed class InvalidProcessingSettingsException(string message) : Exception(message);
