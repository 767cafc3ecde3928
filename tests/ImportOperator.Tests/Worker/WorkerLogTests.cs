using System.Text;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>The reason of a failure as Kubernetes shows it: the log's last line and the termination message.</summary>
public sealed class WorkerLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("worker-log-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_reason_is_one_line_after_the_details_and_fills_the_termination_log()
    {
        var path = Path.Combine(_folder, "termination-log");
        File.WriteAllText(path, "");
        var error = new StringWriter();
        var log = new WorkerLog(new StringWriter(), error, path);

        log.Detail("System.Exception: boom\n   at Somewhere()");
        log.Failure("The input object 'a/b/c/input/x.csv' does not exist\nin bucket 'imports'.");

        var lines = error.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal("The input object 'a/b/c/input/x.csv' does not exist in bucket 'imports'.", lines[^1]);
        Assert.Equal(lines[^1], File.ReadAllText(path));
    }

    [Fact]
    public void A_long_reason_is_cut_to_what_Kubernetes_keeps_without_breaking_a_character()
    {
        var path = Path.Combine(_folder, "termination-log");
        File.WriteAllText(path, "");
        var log = new WorkerLog(new StringWriter(), new StringWriter(), path);

        log.Failure(new string('é', 5000));

        var written = File.ReadAllBytes(path);
        Assert.True(written.Length <= 4096, $"{written.Length} bytes");
        Assert.EndsWith("é...", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }

    [Fact]
    public void No_termination_log_is_created_where_Kubernetes_made_none()
    {
        var path = Path.Combine(_folder, "absent");
        var log = new WorkerLog(new StringWriter(), new StringWriter(), path);

        log.Failure("Something failed.");

        Assert.False(File.Exists(path));
    }
}
