using System.CommandLine;
using ImportOperator.Crds;

namespace ImportOperator.Cli;

/// <summary>The <c>crds</c> verb: writes (or checks) the generated CustomResourceDefinitions of config/crd/.</summary>
public static class CrdsCommand
{
    public const string RegenerateHint = "dotnet run --project src/ImportOperator -- crds";

    public static Command Create()
    {
        var outOption = new Option<string>("--out")
        {
            Description = "Folder to write the CRD YAML files and their kustomization.yaml to.",
            DefaultValueFactory = _ => Path.Combine("config", "crd"),
        };
        var checkOption = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 when the files in --out differ from what the C# types generate.",
        };
        var docsOption = new Option<string?>("--docs")
        {
            Description = "Also refresh the generated field reference in this Markdown file (e.g. docs/resources.md).",
        };
        var command = new Command("crds", "Generate the CustomResourceDefinitions (HeadlessImport, ImportSchema) from the C# API types.");
        command.Options.Add(outOption);
        command.Options.Add(checkOption);
        command.Options.Add(docsOption);
        command.SetAction((parseResult, _) =>
        {
            var folder = parseResult.GetValue(outOption)!;
            var docs = parseResult.GetValue(docsOption);
            var files = CrdManifests.Render();
            var exitCode = parseResult.GetValue(checkOption)
                ? Math.Max(Check(folder, files), docs is null ? 0 : CheckDocs(docs))
                : Math.Max(Write(folder, files), docs is null ? 0 : WriteDocs(docs));
            return Task.FromResult(exitCode);
        });
        return command;
    }

    private static int Write(string folder, IReadOnlyList<GeneratedFile> files)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Name);
            File.WriteAllText(path, file.Content);
            Console.Out.WriteLine($"wrote {path}");
        }
        return 0;
    }

    private static int Check(string folder, IReadOnlyList<GeneratedFile> files)
    {
        var stale = StaleFiles(folder, files);
        foreach (var name in stale) Console.Error.WriteLine($"{Path.Combine(folder, name)} differs from the generated CRD.");
        if (stale.Count == 0)
        {
            Console.Out.WriteLine($"{folder} is up to date.");
            return 0;
        }
        Console.Error.WriteLine($"Run `{RegenerateHint}` and commit the result (see the change with `git diff {folder}`).");
        return 1;
    }

    private static int WriteDocs(string path)
    {
        File.WriteAllText(path, ResourceReference.UpdateDocument(File.ReadAllText(path)));
        Console.Out.WriteLine($"updated the field reference in {path}");
        return 0;
    }

    private static int CheckDocs(string path)
    {
        if (DocsAreCurrent(path)) return 0;
        Console.Error.WriteLine($"The field reference in {path} is out of date. Run `{RegenerateHint} --docs {path}`.");
        return 1;
    }

    /// <summary>True when the generated part of the Markdown file at <paramref name="path"/> is current.</summary>
    public static bool DocsAreCurrent(string path)
    {
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");
        return ResourceReference.UpdateDocument(document) == document;
    }

    /// <summary>The generated files whose copy in <paramref name="folder"/> is missing or different.</summary>
    public static IReadOnlyList<string> StaleFiles(string folder, IReadOnlyList<GeneratedFile> files)
    {
        var stale = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != file.Content) stale.Add(file.Name);
        }
        return stale;
    }
}
