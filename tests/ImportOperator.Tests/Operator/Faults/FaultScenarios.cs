using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.Operator.Faults;

/// <summary>The steps every fault test takes around its fault: an uploaded import of a few people, and its results read back.</summary>
internal static class FaultScenarios
{
    public static readonly (string Name, string Email)[] People =
    [
        ("Ada Lovelace", "ada@example.com"),
        ("Grace Hopper", "grace@example.com"),
        ("Linus Torvalds", "linus@example.com"),
    ];

    /// <summary>Creates an import of <see cref="People"/> and waits for its upload URL (generous: the machine may be loaded).</summary>
    public static async Task<HeadlessImport> CreateAwaitingUploadAsync(OperatorEnvironment env, string ns, string name)
    {
        await env.CreateAsync(Samples.People(ns, name));
        return await env.WaitForPhaseAsync(ns, name, ImportPhases.AwaitingUpload, TimeSpan.FromSeconds(120));
    }

    public static byte[] PeopleCsv => Samples.PeopleCsv(People);

    /// <summary>An import of <see cref="People"/> given inline (spec.initialData): no upload, straight to processing.</summary>
    public static HeadlessImport Inline(string ns, string name, ImportOperator.Engine.Schema.ImportSettings? settings = null)
    {
        var import = Samples.People(ns, name, settings);
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData = [.. People.Select(p => new System.Text.Json.Nodes.JsonObject { ["name"] = p.Name, ["email"] = p.Email })];
        return import;
    }

    /// <summary>A successful import's data.json holds every person, read through its download URL.</summary>
    public static async Task AssertAllPeopleImportedAsync(HeadlessImport import)
    {
        Assert.Equal(ImportPhases.Successful, import.Status?.Phase);
        Assert.Equal(People.Length, import.Status!.ResultMetadata!.NumResultRows);
        var data = System.Text.Json.Nodes.JsonNode.Parse(await OperatorEnvironment.DownloadAsync(import.Status.Result!.DataUrl!))!.AsArray();
        Assert.Equal(People.Select(p => p.Email), data.Select(row => row!["email"]!.GetValue<string>()));
    }

    /// <summary>Deletes the imports, waits for them to go, and checks nothing of them is left in storage.</summary>
    public static async Task DeleteAllAsync(OperatorEnvironment env, ImportInvariants invariants, string ns, IEnumerable<string> names)
    {
        foreach (var name in names) await env.DeleteAsync(ns, name);
        foreach (var name in names) await env.WaitUntilGoneAsync(ns, name, TimeSpan.FromSeconds(120));
        await invariants.AssertNothingStoredAsync();
    }

    /// <summary>A fresh namespace watched by the invariant checker, with one import of <see cref="People"/> awaiting its upload.</summary>
    public static async Task<(string Ns, ImportInvariants Invariants, HeadlessImport Waiting)> StartAsync(OperatorEnvironment env, string stem, string name)
    {
        var ns = await env.NewNamespaceAsync(stem);
        var invariants = ImportInvariants.Watch(env, ns);
        return (ns, invariants, await CreateAwaitingUploadAsync(env, ns, name));
    }

    /// <summary>As <see cref="StartAsync"/>, then the upload, and the import finished (checked by the invariants): a test of deletion starts here.</summary>
    public static async Task<(string Ns, ImportInvariants Invariants)> FinishedAsync(OperatorEnvironment env, string stem, string name)
    {
        var (ns, invariants, waiting) = await StartAsync(env, stem, name);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, PeopleCsv);
        await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(180));
        return (ns, invariants);
    }
}
