using ImportOperator.Runtime.Tests.Support;
using ImportOperator.TestApiServer.Jobs;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.Jobs;

/// <summary>
/// A test API server whose local Job runner plays /bin/sh as the image "example/worker", with helpers to create
/// Jobs whose container runs a shell script and to wait for what a watcher of Jobs and Pods would see.
/// </summary>
public sealed class JobRunnerScope : IAsyncDisposable
{
    public const string Image = "example/worker";
    public const string Namespace = "default";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    readonly ServerScope _scope;
    readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("job-runner-test-");

    JobRunnerScope(ServerScope scope) => _scope = scope;

    public IKubernetes Client => _scope.Client;
    public TestApiServer.TestApiServer Server => _scope.Server;
    public LocalJobRunner Runner => _scope.Server.JobRunner!;

    /// <summary>A path in a folder of this test's own, for marker files that scripts test or create.</summary>
    public string ScratchPath(string name) => Path.Combine(_scratch.FullName, name);

    public static async Task<JobRunnerScope> StartAsync(int maxConcurrentPods = 4) =>
        new(await ServerScope.StartAsync(o => o.JobRunner = new LocalJobRunnerOptions
        {
            Image = Image,
            Executable = "/bin/sh",
            MaxConcurrentPods = maxConcurrentPods,
        }));

    /// <summary>A Job whose one container, "worker", runs <paramref name="script"/> with sh -c; restartPolicy Never.</summary>
    public static V1Job ShellJob(string name, string script, Action<V1Job>? configure = null)
    {
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "import" } },
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["importoperator.io/import"] = name } },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        Containers = [new V1Container { Name = "worker", Image = Image + ":1.0", Command = ["/app/entrypoint", "-c"], Args = [script] }],
                    },
                },
            },
        };
        configure?.Invoke(job);
        return job;
    }

    public Task<V1Job> CreateAsync(V1Job job) => Client.BatchV1.CreateNamespacedJobAsync(job, Namespace);

    public V1Job ReadJob(string name) => Client.BatchV1.ReadNamespacedJob(name, Namespace);

    /// <summary>Waits for the Job's condition of that type to be True and returns the Job as then read.</summary>
    public async Task<V1Job> WaitForConditionAsync(string name, string type)
    {
        V1Job job = null!;
        await Eventually.TrueAsync(() => (job = ReadJob(name)).Status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true,
            Patience, $"job {name} gets condition {type}", () => Describe(job));
        return job;
    }

    /// <summary>The Job's Pods (selected by its job-name label), oldest first to the second.</summary>
    public IReadOnlyList<V1Pod> Pods(string jobName) =>
        [.. Client.CoreV1.ListNamespacedPod(Namespace, labelSelector: $"job-name={jobName}").Items.OrderBy(p => p.Metadata.CreationTimestamp)];

    /// <summary>Waits until the Job has a Pod matching the condition and returns it.</summary>
    public async Task<V1Pod> WaitForPodAsync(string jobName, Func<V1Pod, bool> condition, string what)
    {
        V1Pod? found = null;
        await Eventually.TrueAsync(() => (found = Pods(jobName).FirstOrDefault(condition)) is not null, Patience, $"a pod of job {jobName} {what}",
            () => string.Join("; ", Pods(jobName).Select(p => $"{p.Metadata.Name} {p.Status?.Phase}")));
        return found!;
    }

    public static bool IsRunning(V1Pod pod) => pod.Status?.Phase == "Running";

    public Task WaitAsync(Func<bool> condition, string what) => Eventually.TrueAsync(condition, Patience, what);

    static string Describe(V1Job? job) =>
        job?.Status is null ? "no status" : $"active={job.Status.Active} failed={job.Status.Failed} succeeded={job.Status.Succeeded} conditions=[{string.Join(", ", job.Status.Conditions?.Select(c => $"{c.Type}:{c.Reason}") ?? [])}]";

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        try { _scratch.Delete(recursive: true); } catch (IOException) { }
    }
}
