using System.Text.Json.Nodes;
using ImportOperator.Cli;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>
/// Runs the `process` verb in-process on manifests and a data file written to a fresh temporary folder, and reads
/// back what a user gets: the exit code, status.json, data.json and metadata.json.
/// </summary>
public sealed class ProcessRun : IDisposable
{
    private ProcessRun(string folder) => Folder = folder;

    public string Folder { get; }
    public string OutputDirectory => Path.Combine(Folder, "out");
    public int ExitCode { get; private set; }
    public JsonObject Status => Read("status.json")!.AsObject();
    public JsonArray Data => Read("data.json")!.AsArray();
    public JsonObject Metadata => Read("metadata.json")!.AsObject();
    public string Phase => (string)Status["phase"]!;
    public string? Reason => (string?)Status["reason"];
    public string Message => (string?)Status["message"] ?? "";

    public static ProcessRun Create() =>
        new(Directory.CreateTempSubdirectory("import-operator-test-").FullName);

    /// <summary>Writes the manifests (one file each) and the data file, then runs process.</summary>
    public static ProcessRun Execute(string[] manifests, byte[]? data = null, string dataName = "data.csv")
    {
        var run = Create();
        var paths = manifests.Select((text, i) =>
        {
            var path = Path.Combine(run.Folder, $"manifest-{i}.yaml");
            File.WriteAllText(path, text);
            return path;
        }).ToArray();
        string? dataPath = null;
        if (data is not null)
        {
            dataPath = Path.Combine(run.Folder, dataName);
            File.WriteAllBytes(dataPath, data);
        }
        run.ExitCode = ProcessCommand.Run(paths, dataPath, run.OutputDirectory, quiet: true, CancellationToken.None);
        return run;
    }

    public static ProcessRun Execute(string manifest, string csv, string dataName = "data.csv") =>
        Execute([manifest], System.Text.Encoding.UTF8.GetBytes(csv), dataName);

    public bool Exists(string file) => File.Exists(Path.Combine(OutputDirectory, file));

    private JsonNode? Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(OutputDirectory, file)));

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
