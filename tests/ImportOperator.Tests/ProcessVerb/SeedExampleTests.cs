using ImportOperator.Cli;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>The example of the Dromo page the project started from, as samples/seed-initial-data.yaml carries it.</summary>
public class SeedExampleTests
{
    [Fact]
    public void The_seed_example_gives_the_documented_result()
    {
        var manifest = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "seed-initial-data.yaml"));

        using var run = ProcessRun.Execute([manifest]);

        Assert.Equal(ProcessCommand.ExitSuccessful, run.ExitCode);
        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal("""[{"first_name":"Updated from row hook","last_name":"paul.zeph@gmail.com"}]""", run.Data.ToJsonString());
        Assert.Equal("initialData", (string)run.Metadata["filename"]!);
    }
}
