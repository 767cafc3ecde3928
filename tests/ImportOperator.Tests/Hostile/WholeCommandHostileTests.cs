using System.Diagnostics;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Tests.Hostile;
using ImportOperator.Tests.ProcessVerb;
using Xunit.Abstractions;

namespace ImportOperator.Tests.Hostile;

/// <summary>
/// The hostile inputs whose cost is the whole command's: the real `process` executable, its exit code, status and
/// peak memory. The 1 GB line is streamed through a named pipe, so it never sits on disk.
/// </summary>
public sealed class WholeCommandHostileTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hostile-exe-").FullName;

    private string Out => Path.Combine(_folder, "out");

    private MeasuredProcess Measure(params string[] args)
    {
        var run = MeasuredProcess.Run(args);
        output.WriteLine($"exit {run.ExitCode}, {run.Elapsed.TotalSeconds:0.0} s, peak RSS {run.PeakResidentBytes >> 20} MB");
        return run;
    }

    private string ManifestPath()
    {
        var path = Path.Combine(_folder, "import.yaml");
        File.WriteAllText(path, Manifest.Import("""
            - {key: name, label: Name}
            - {key: email, label: Email, type: email}
            - {key: amount, label: Amount, type: number}
            """, "{importIdentifier: hostile, invalidDataBehavior: INCLUDE_INVALID_ROWS}"));
        return path;
    }

    private JsonObject Status => JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "status.json")))!.AsObject();

    [Fact]
    public void A_1_gb_line_through_a_pipe_fails_within_the_memory_bound()
    {
        var file = HostileCorpus.SingleLine();
        var pipe = Path.Combine(_folder, file.FileName);
        using (var mkfifo = Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        var writer = Task.Run(() =>
        {
            try
            {
                using var target = new FileStream(pipe, FileMode.Open, FileAccess.Write);
                using var source = file.Open();
                source.CopyTo(target, 1 << 20);
            }
            catch (IOException)
            {
                // The reader gave up and closed the pipe: what it should do.
            }
        });

        var run = Measure("process", "-f", ManifestPath(), "--file", pipe, "--out", Out, "--quiet");
        if (!writer.Wait(TimeSpan.FromSeconds(30))) using (File.OpenRead(pipe)) { } // unblock a writer nobody read

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stdout}\n{run.Stderr}");
        Assert.Equal("UnreadableFile", (string?)Status["reason"]);
        Assert.Contains("data.csv: line 2", (string?)Status["message"]); // the name the manifest uploads it under
        run.AssertWithinMemory();
    }

    /// <summary>Writes the corpus file to disk and runs process on it, with any further flags.</summary>
    private MeasuredProcess RunOn(HostileFile file, params string[] flags)
    {
        var path = Path.Combine(_folder, file.FileName);
        file.WriteTo(path);
        return Measure(["process", "-f", ManifestPath(), "--file", path, "--out", Out, "--quiet", .. flags]);
    }

    [Fact]
    public void A_million_columns_import_within_the_memory_bound()
    {
        var run = RunOn(HostileCorpus.MillionColumns());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}\n{run.Stderr}");
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "data.json")))!.AsArray().Count);
        run.AssertWithinMemory();
    }

    [Fact]
    public void A_zip_bomb_fails_within_the_memory_bound()
    {
        var run = RunOn(HostileCorpus.ZipBomb());

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stdout}\n{run.Stderr}");
        Assert.Contains("zip bomb", (string?)Status["message"]);
        run.AssertWithinMemory();
    }

    [Fact]
    public void Process_with_csv_writes_data_csv_with_formulas_neutralised()
    {
        var run = RunOn(HostileCorpus.FormulaInjection, "--csv");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}\n{run.Stderr}");
        Assert.Contains("data.csv", run.Stdout);
        var csv = File.ReadAllText(Path.Combine(Out, "data.csv"));
        Assert.StartsWith("name,email,amount\r\n", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",user0@example.com,0\r\n", csv);
        Assert.Contains("'@SUM(1),user2@example.com,2\r\n", csv);
        Assert.Contains("'-2+3,user3@example.com,3\r\n", csv);
        Assert.DoesNotContain("\r\n=", csv);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
