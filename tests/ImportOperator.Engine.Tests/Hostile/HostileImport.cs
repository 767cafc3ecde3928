using System.Diagnostics;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>
/// Runs a corpus file through the whole engine (read → … → data.json) as the process command and the worker do,
/// under a time bound: a run that has not ended by then is a hang and fails the test.
/// </summary>
internal sealed class HostileImport : IDisposable
{
    /// <summary>Generous for a loaded 2-core CI machine, yet far below "hangs".</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(60);

    private HostileImport(string folder, ImportOutcome outcome, TimeSpan elapsed)
    {
        Folder = folder;
        Outcome = outcome;
        Elapsed = elapsed;
    }

    public string Folder { get; }
    public ImportOutcome Outcome { get; }
    public TimeSpan Elapsed { get; }
    public JsonArray Data => JsonNode.Parse(File.ReadAllText(Outcome.DataPath))!.AsArray();
    public string Metadata => File.ReadAllText(Outcome.MetadataPath);

    /// <summary>name (string), email (email), amount (number): the header every corpus file carries.</summary>
    public static List<FieldDefinition> Fields() =>
    [
        new() { Key = "name", Label = "Name" },
        new() { Key = "email", Label = "Email", Type = FieldTypes.Email },
        new() { Key = "amount", Label = "Amount", Type = FieldTypes.Number },
    ];

    public static HostileImport Run(HostileFile file, ImportSettings? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("hostile-").FullName;
        var request = new ImportRequest
        {
            Fields = Fields(),
            Settings = settings ?? new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.IncludeInvalidRows },
            ImportIdentifier = "hostile",
            FileName = file.FileName,
            OpenInput = file.Open,
            InputLength = file.Length,
            OutputDirectory = folder,
        };
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => ImportProcessor.Run(request));
        if (!run.Wait(TimeBound))
            Assert.Fail($"{file.Name} ({file.What}): no outcome after {TimeBound.TotalSeconds:0} s — the engine hangs on it.");
        return new HostileImport(folder, run.Result, clock.Elapsed);
    }

    /// <summary>Asserts a FAILED outcome with <paramref name="reason"/> whose message names the file; returns the message.</summary>
    public string AssertFailed(string reason, HostileFile file)
    {
        Assert.True(Outcome.Phase == OutcomePhase.Failed && Outcome.Reason == reason,
            $"{file.Name}: expected FAILED {reason}, got {Outcome.Phase} {Outcome.Reason}: {Outcome.Message}");
        Assert.Contains(file.FileName, Outcome.Message);
        Assert.Equal("[]", File.ReadAllText(Outcome.DataPath).Trim());
        return Outcome.Message;
    }

    /// <summary>Asserts the rows were imported (SUCCESSFUL); returns data.json.</summary>
    public JsonArray AssertImported(HostileFile file)
    {
        Assert.True(Outcome.Phase == OutcomePhase.Successful,
            $"{file.Name}: expected SUCCESSFUL, got {Outcome.Phase} {Outcome.Reason}: {Outcome.Message}");
        return Data;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
