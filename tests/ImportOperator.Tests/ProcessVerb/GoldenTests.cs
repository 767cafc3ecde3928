using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>
/// Whole files through `process`, compared with the expected results under tests/golden/&lt;case&gt;/expected
/// (see tests/golden/README.md; UPDATE_GOLDEN=1 rewrites them after a deliberate change).
/// </summary>
public class GoldenTests
{
    private static readonly string GoldenRoot = Path.Combine(RepositoryPaths.Root, "tests", "golden");

    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(GoldenRoot).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_results_match_the_golden_files(string name)
    {
        var folder = Path.Combine(GoldenRoot, name);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "case.json")))!;
        string Locate(string path) => File.Exists(Path.Combine(folder, path)) ? Path.Combine(folder, path) : Path.Combine(RepositoryPaths.Root, path);
        var manifests = spec["manifests"]!.AsArray().Select(m => File.ReadAllText(Locate((string)m!))).ToArray();
        var file = (string?)spec["file"];
        var dataFile = file is null ? null : Locate(file);

        using var run = ProcessRun.Execute(manifests, dataFile is null ? null : File.ReadAllBytes(dataFile), file is null ? "data" : Path.GetFileName(file));

        var actual = new Dictionary<string, JsonNode>
        {
            ["data.json"] = run.Data,
            ["metadata.json"] = run.Metadata,
            ["status.json"] = StableStatus(run.Status),
        };
        var expectedFolder = Path.Combine(folder, "expected");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(expectedFolder);
            foreach (var (fileName, node) in actual)
                File.WriteAllText(Path.Combine(expectedFolder, fileName), node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        Assert.Equal((int)spec["exitCode"]!, run.ExitCode);
        foreach (var (fileName, node) in actual)
        {
            var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(expectedFolder, fileName)));
            Assert.True(JsonNode.DeepEquals(expected, node),
                $"{name}/{fileName} differs from the golden file.\nexpected: {expected?.ToJsonString()}\nactual:   {node.ToJsonString()}");
        }
    }

    /// <summary>The part of status.json that does not change from run to run (no times, ids or local paths).</summary>
    private static JsonObject StableStatus(JsonObject status) => new()
    {
        ["phase"] = status["phase"]?.DeepClone(),
        ["reason"] = status["reason"]?.DeepClone(),
        ["message"] = status["message"]?.DeepClone(),
        ["resultMetadata"] = status["resultMetadata"]?.DeepClone(),
        ["importErrors"] = status["importErrors"]?.DeepClone(),
    };
}
