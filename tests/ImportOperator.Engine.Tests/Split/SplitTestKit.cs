using System.Text;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Pipeline.Split;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Tests.Split;

/// <summary>
/// Runs one file both ways — <see cref="ImportProcessor.Run"/> on the whole file, and plan + every chunk + merge —
/// and asserts what a user would compare: data.json and metadata.json byte for byte, and the outcome.
/// </summary>
internal sealed class SplitTestKit : IDisposable
{
    private static readonly HookSandboxOptions Hooks = new() { Parallelism = 2 };

    private SplitTestKit(string folder) => Folder = folder;

    public string Folder { get; }

    public static SplitTestKit Create() => new(Directory.CreateTempSubdirectory("split-").FullName);

    /// <summary>The fields most tests import: name (required), email (email), amount (number), code, city.</summary>
    public static List<FieldDefinition> ContactFields(params ValidatorDefinition[] codeValidators) =>
    [
        new() { Key = "name", Label = "Name", Validators = [new() { Validate = ValidatorKinds.Required }] },
        new() { Key = "email", Label = "Email", Type = FieldTypes.Email },
        new() { Key = "amount", Label = "Amount", Type = FieldTypes.Number },
        new() { Key = "code", Label = "Code", Validators = codeValidators.Length > 0 ? [.. codeValidators] : null },
        new() { Key = "city", Label = "City" },
    ];

    /// <summary>
    /// Rows of contacts: an invalid amount every 97th row, an invalid e-mail every 89th, codes repeating every 3,000
    /// rows (duplicates across chunks), and around every multiple of 2,048 rows (where chunks may end) a city with a
    /// quoted line break, delimiter and quotes.
    /// </summary>
    public static IEnumerable<string[]> ContactRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var nearCut = (i + 2) % ImportProcessor.BatchSize < 4;
            yield return
            [
                $"Name {i}",
                i % 89 == 0 ? "not-an-email" : $"user{i}@example.com",
                i % 97 == 0 ? "abc" : $"{i}.5",
                $"C{i % 3000}",
                nearCut || i % 7 == 0 ? $"Line one {i}\nline two, \"quoted\"" : $"City {i % 50}",
            ];
        }
    }

    /// <summary>Delimited text: cells quoted when they hold the delimiter, a quote or a line break.</summary>
    public static byte[] Csv(IEnumerable<string[]> rows, string[]? header = null, string newline = "\n", char delimiter = ',',
        bool byteOrderMark = false, string prefix = "")
    {
        var text = new StringBuilder(prefix);
        foreach (var row in header is null ? rows : rows.Prepend(header))
            text.Append(string.Join(delimiter, row.Select(cell => Quote(cell, delimiter, newline)))).Append(newline);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    public static readonly string[] ContactHeader = ["Name", "Email", "Amount", "Code", "City"];

    private static string Quote(string cell, char delimiter, string newline) =>
        cell.Contains(delimiter) || cell.Contains('"') || cell.Contains('\n') || cell.Contains('\r')
            ? $"\"{cell.Replace("\"", "\"\"").Replace("\n", newline)}\""
            : cell;

    public string Write(byte[] content, string name = "contacts.csv")
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public ImportRequest Request(string input, string output, List<FieldDefinition> fields, ImportSettings? settings = null,
        HookDefinitions? hooks = null) => new()
    {
        Fields = fields,
        Settings = settings ?? new ImportSettings(),
        Hooks = hooks ?? new HookDefinitions(),
        ImportIdentifier = "split-test",
        FileName = Path.GetFileName(input),
        OpenInput = () => File.OpenRead(input),
        InputLength = new FileInfo(input).Length,
        OutputDirectory = Path.Combine(Folder, output),
        HookOptions = Hooks,
    };

    /// <summary>Plans <paramref name="content"/> into about <paramref name="chunks"/> chunks; asserts that it splits.</summary>
    public SplitPlan Plan(ImportRequest request, int chunks)
    {
        var decision = SplitImport.Plan(request, Options(request, chunks));
        Assert.True(decision.IsSplit, $"expected a split, got: {decision.WhyWhole}");
        // Every step reads the plan as it travels between pods: through its JSON.
        return SplitPlan.FromJson(decision.Plan!.ToJson(), "plan.json");
    }

    public static SplitOptions Options(ImportRequest request, int chunks) =>
        new() { ThresholdBytes = 1, TargetChunkBytes = Math.Max(1, request.InputLength!.Value / chunks) };

    /// <summary>Runs every chunk (in reverse order, as independent pods may finish) and returns the chunk files.</summary>
    public List<string> RunChunks(ImportRequest request, SplitPlan plan)
    {
        var files = plan.Chunks.Select(c => Path.Combine(Folder, "chunks", $"chunk-{c.Index:D3}.rows")).ToList();
        for (var i = plan.Chunks.Count - 1; i >= 0; i--)
            SplitImport.RunChunk(request, plan, i, FileRanges.Of(InputPath(request)), files[i]);
        return files;
    }

    private string InputPath(ImportRequest request) => Path.Combine(Folder, request.FileName);

    /// <summary>Both ways; asserts equal results and returns the whole-file outcome and the plan.</summary>
    public (ImportOutcome Outcome, SplitPlan Plan) AssertSplitEqualsWhole(byte[] content, List<FieldDefinition> fields,
        ImportSettings? settings = null, HookDefinitions? hooks = null, int chunks = 4, string name = "contacts.csv")
    {
        var input = Write(content, name);
        var whole = ImportProcessor.Run(Request(input, "whole", fields, settings, hooks));

        var request = Request(input, "split", fields, settings, hooks);
        var plan = Plan(request, chunks);
        Assert.InRange(plan.Chunks.Count, 3, 6);
        var merged = SplitImport.Merge(request, plan, RunChunks(request, plan), FileRanges.Of(input));

        Assert.Equal((whole.Phase, whole.Reason, whole.Message), (merged.Phase, merged.Reason, merged.Message));
        Assert.Equal((whole.NumDataRows, whole.NumValidRows, whole.NumInvalidRows, whole.NumResultRows),
            (merged.NumDataRows, merged.NumValidRows, merged.NumInvalidRows, merged.NumResultRows));
        Assert.Equal(whole.Warnings, merged.Warnings);
        Assert.Equal(whole.HookLog, merged.HookLog);
        Assert.Equal(whole.FirstIssues, merged.FirstIssues);
        Assert.Equal(File.ReadAllText(whole.DataPath), File.ReadAllText(merged.DataPath));
        Assert.Equal(File.ReadAllText(whole.MetadataPath), File.ReadAllText(merged.MetadataPath));
        Assert.Equal(File.ReadAllBytes(whole.DataPath), File.ReadAllBytes(merged.DataPath));
        Assert.Equal(File.ReadAllBytes(whole.MetadataPath), File.ReadAllBytes(merged.MetadataPath));
        return (whole, plan);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
