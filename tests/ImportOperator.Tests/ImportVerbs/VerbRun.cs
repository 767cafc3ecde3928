using ImportOperator.Cli.Import;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary>What one verb printed and returned.</summary>
public sealed record VerbResult(int Exit, string Out, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the import verbs in-process, as a user would type them, with quick polling for tests.</summary>
public static class VerbRun
{
    static readonly ImportRunTimings Quick = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(60));

    public static async Task<VerbResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // Generous: a whole import runs a worker process on a loaded 2-core machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var exit = await Cli.Import.ImportVerbs.RunAsync(args, stdout, stderr, timeout.Token, Quick);
        return new VerbResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A folder of the test's own for inputs and downloaded results.</summary>
    public static string NewFolder() => Directory.CreateTempSubdirectory("import-verbs-").FullName;

    public static string WriteFile(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>An inline schema for --fields: a required name and an e-mail.</summary>
    public const string PeopleFieldsYaml = """
        - key: name
          label: Name
          validators: [{validate: required}]
        - key: email
          label: Email
          type: email
        """;
}
