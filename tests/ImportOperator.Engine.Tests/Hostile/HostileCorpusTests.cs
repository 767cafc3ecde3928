namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>
/// Writes the small corpus to a folder: HOSTILE_CORPUS_DIR when set (the files are kept there, to inspect them or
/// to try them against another build), else a temporary folder that is removed.
/// </summary>
public class HostileCorpusTests
{
    public const string FolderVariable = "HOSTILE_CORPUS_DIR";

    [Fact]
    public void The_small_corpus_writes_to_a_folder_with_every_file_at_its_size()
    {
        var given = Environment.GetEnvironmentVariable(FolderVariable);
        var folder = given ?? Directory.CreateTempSubdirectory("hostile-corpus-").FullName;
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in HostileCorpus.Small) file.WriteTo(Path.Combine(folder, file.Name));

            Assert.All(HostileCorpus.Small, file =>
                Assert.Equal(file.Length, new FileInfo(Path.Combine(folder, file.Name)).Length));
            Assert.Equal(HostileCorpus.Small.Count, HostileCorpus.Small.Select(f => f.Name).Distinct().Count());
        }
        finally
        {
            if (given is null) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_generated_stream_serves_its_head_body_and_tail_exactly()
    {
        var stream = new GeneratedStream("<"u8.ToArray(), "ab"u8.ToArray(), ">"u8.ToArray(), 8);
        var bytes = new byte[16];
        var total = 0;
        int read;
        while ((read = stream.Read(bytes, total, 3)) > 0) total += read;

        Assert.Equal("<ababab>", System.Text.Encoding.ASCII.GetString(bytes, 0, total));
    }
}
