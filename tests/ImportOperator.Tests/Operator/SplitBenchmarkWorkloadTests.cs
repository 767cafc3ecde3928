using System.Diagnostics;
using System.Globalization;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Cli;
using ImportOperator.Manifests;
using ImportOperator.Operator.Jobs;
using ImportOperator.Tests.Operator.Support;
using k8s.Models;
using Xunit.Abstractions;

namespace ImportOperator.Tests.Operator;

/// <summary>
/// The benchmark workload (bench/reference: the deterministic contacts generator and bench-import.yaml — ten fields,
/// required/unique/regex/date/number/country/select rules, a row hook) through the whole system with splitting on:
/// the results the user downloads equal the local process command's byte for byte. CI runs it on 40,000 rows;
/// `python3 bench/operator.py --split-rows 1000000` runs it on the benchmark's million rows and reports the time.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class SplitBenchmarkWorkloadTests(SplitEnvironment env, ITestOutputHelper output) : IClassFixture<SplitEnvironment>
{
    static readonly int Rows = int.TryParse(Environment.GetEnvironmentVariable("IMPORT_OPERATOR_SPLIT_BENCH_ROWS"),
        NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 40_000;

    static readonly string BenchImport = RepositoryPaths.Of("bench", "reference", "bench-import.yaml");

    /// <summary>The generator is Python (stdlib only), as in bench/bench.py: the same file the benchmark measures.</summary>
    static string Generate(int rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("split-bench-").FullName, "contacts.csv");
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true };
        foreach (var argument in new[] { RepositoryPaths.Of("bench", "reference", "gen_contacts.py"), rows.ToString(CultureInfo.InvariantCulture), path })
            start.ArgumentList.Add(argument);
        using var generator = Process.Start(start)!;
        var errors = generator.StandardError.ReadToEnd();
        generator.WaitForExit();
        Assert.True(generator.ExitCode == 0, $"gen_contacts.py failed: {errors}");
        return path;
    }

    void Report(string line)
    {
        output.WriteLine(line);
        var artifacts = RepositoryPaths.Of("artifacts");
        Directory.CreateDirectory(artifacts);
        File.AppendAllText(Path.Combine(artifacts, "operator-scale.txt"), line + "\n");
    }

    /// <summary>A Job's run time from its status (start to completion), as the Job controller reports it.</summary>
    static string Seconds(IEnumerable<V1Job> jobs, string name) =>
        jobs.Single(j => j.Metadata.Name == name).Status is { StartTime: { } start, CompletionTime: { } end }
            ? string.Create(CultureInfo.InvariantCulture, $"{(end - start).TotalSeconds:0} s")
            : "unknown";

    [Fact]
    public async Task The_benchmark_workload_split_by_the_operator_equals_the_process_commands_results()
    {
        var ns = await env.NewNamespaceAsync("split-bench");
        var file = Generate(Rows);
        var content = await File.ReadAllBytesAsync(file);
        Assert.True(content.Length > SplitEnvironment.ThresholdBytes, $"the file is {content.Length:N0} bytes, below the split threshold");

        var import = ManifestSet.Load([BenchImport]).SingleImport().Value;
        import.Metadata = new V1ObjectMeta { Name = "bench", NamespaceProperty = ns };
        await env.CreateAsync(import);
        var waiting = await env.WaitForPhaseAsync(ns, "bench", ImportPhases.AwaitingUpload);
        var clock = Stopwatch.StartNew();
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, content);
        // Generous for a loaded 2-core machine: a million rows with the row hook take minutes of CPU here.
        var done = await env.WaitForPhaseAsync(ns, "bench", ImportPhases.Successful, TimeSpan.FromMinutes(5 + Rows / 50_000));
        var processed = clock.Elapsed;

        var expected = Directory.CreateTempSubdirectory("split-bench-expected-").FullName;
        var local = Stopwatch.StartNew();
        ProcessCommand.Run([BenchImport], file, expected, quiet: true, CancellationToken.None);
        var localTime = local.Elapsed;
        var sameData = await File.ReadAllTextAsync(Path.Combine(expected, "data.json")) == await OperatorEnvironment.DownloadAsync(done.Status!.Result!.DataUrl!);
        var sameMetadata = await File.ReadAllTextAsync(Path.Combine(expected, "metadata.json")) == await OperatorEnvironment.DownloadAsync(done.Status.Result.MetadataUrl!);
        Assert.True(sameData, "data.json of the split import differs from the process command's");
        Assert.True(sameMetadata, "metadata.json of the split import differs from the process command's");

        var jobs = await env.JobsAsync(ns);
        var processing = ProcessingJobNames.For("bench", done.Metadata.Uid);
        var chunks = jobs.Single(j => j.Metadata.Name == processing + "-chunks");
        Assert.InRange(chunks.Spec.Completions!.Value, 2, 8);
        Assert.True(done.Status.ResultMetadata!.NumInvalidRows > 0, "the generator's ~3 % invalid rows must be flagged");
        Report(string.Create(CultureInfo.InvariantCulture,
            $"split: the benchmark workload, {Rows:N0} rows ({content.Length / 1048576.0:0.0} MiB): {chunks.Spec.Completions} chunks, {SplitEnvironment.MaxParallelChunks} at a time; upload → SUCCESSFUL in {processed.TotalSeconds:0.0} s (Jobs: processing = download + plan {Seconds(jobs, processing)}, chunks {Seconds(jobs, processing + "-chunks")}, merge {Seconds(jobs, processing + "-merge")}; the local process command: {localTime.TotalSeconds:0.0} s); data.json and metadata.json equal to the process command's: yes"));
        await env.DeleteAsync(ns, "bench");
    }
}
