using System.Text;
using ImportOperator.Cli;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>`process --split-chunk-bytes`: plan, chunks and merge on one machine give the single run's results.</summary>
public class SplitProcessTests
{
    private const string Fields = """
        - {key: name, label: Name, validators: [{validate: required}]}
        - {key: email, label: Email, type: email, validators: [{validate: unique_case_insensitive}]}
        - {key: age, label: Age, type: number}
        """;

    private const string Hooks = """
        rowHooks:
          - "(record) => ({ row: { name: { value: record.row.name.value.toUpperCase() } } })"
        """;

    private static byte[] Contacts()
    {
        var text = new StringBuilder("Name,Email,Age\n");
        for (var i = 0; i < 9000; i++)
            text.Append($"\"Person {i}, the {i % 3}th\",p{i % 7000}@example.com,{(i % 101 == 0 ? "old" : (i % 90).ToString())}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public void A_split_run_writes_the_same_results_as_a_single_run()
    {
        using var run = ProcessRun.Create();
        var manifest = Path.Combine(run.Folder, "import.yaml");
        File.WriteAllText(manifest, Manifest.Import(Fields, hooks: Hooks));
        var data = Path.Combine(run.Folder, "data.csv");
        File.WriteAllBytes(data, Contacts());
        var single = Path.Combine(run.Folder, "single");
        var split = Path.Combine(run.Folder, "split");

        var singleExit = ProcessCommand.Run([manifest], data, single, quiet: true, CancellationToken.None);
        var splitExit = ProcessCommand.Run([manifest], data, split, quiet: true, CancellationToken.None, splitChunkBytes: 60_000);

        Assert.Equal(ProcessCommand.ExitSuccessful, singleExit);
        Assert.Equal(singleExit, splitExit);
        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "data.json")), File.ReadAllBytes(Path.Combine(split, "data.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "metadata.json")), File.ReadAllBytes(Path.Combine(split, "metadata.json")));
        Assert.Empty(Directory.GetDirectories(split)); // the chunk files are cleaned up
    }

    [Fact]
    public void A_zero_chunk_size_is_refused()
    {
        using var run = ProcessRun.Create();
        var manifest = Path.Combine(run.Folder, "import.yaml");
        File.WriteAllText(manifest, Manifest.Import(Fields));
        var data = Path.Combine(run.Folder, "data.csv");
        File.WriteAllText(data, "Name,Email,Age\nAda,ada@example.com,36\n");

        Assert.Equal(ProcessCommand.ExitBadInput,
            ProcessCommand.Run([manifest], data, Path.Combine(run.Folder, "out"), quiet: true, CancellationToken.None, splitChunkBytes: 0));
    }
}
