using ImportOperator.Runtime.Tests.Support;
using ImportOperator.TestApiServer.Jobs;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.Jobs;

/// <summary>Jobs with the configured image run as local processes and get the status the Job controller writes.</summary>
public sealed class LocalJobRunnerTests
{
    [Theory]
    [InlineData(0, "Complete")]
    [InlineData(3, "Failed")]
    public async Task A_job_runs_locally_with_its_env_and_reports_its_outcome(int exitCode, string condition)
    {
        await using var scope = await ServerScope.StartAsync(o => o.JobRunner = new LocalJobRunnerOptions { Image = "example/operator", Executable = "/bin/sh" });
        await scope.Client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "work" },
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "worker",
                                Image = "example/operator:1.0",
                                Command = ["/app/entrypoint", "-c"],
                                Args = [$"echo \"hello $GREETING\"; exit {exitCode}"],
                                Env = [new V1EnvVar { Name = "GREETING", Value = "world" }],
                            },
                        ],
                    },
                },
            },
        }, "default");

        V1Job job = null!;
        await Eventually.TrueAsync(() =>
        {
            job = scope.Client.BatchV1.ReadNamespacedJob("work", "default");
            return job.Status?.Conditions?.Any(c => c.Type == condition && c.Status == "True") == true;
        }, TimeSpan.FromSeconds(20), $"the job reaches {condition}");

        Assert.Equal(exitCode == 0 ? 1 : null, job.Status.Succeeded);
        Assert.Equal(exitCode == 0 ? null : 1, job.Status.Failed);
        Assert.Null(job.Status.Active);
        var pods = await scope.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "job-name=work");
        var pod = Assert.Single(pods.Items);
        Assert.Equal("hello world\n", scope.Server.PodLogs.Read("default", pod.Metadata.Name));
    }
}
