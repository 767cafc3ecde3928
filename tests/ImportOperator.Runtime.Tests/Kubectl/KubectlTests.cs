using ImportOperator.Runtime.Tests.Support;
using ImportOperator.TestApiServer;
using static ImportOperator.Runtime.Tests.Support.ImportResources;

namespace ImportOperator.Runtime.Tests.KubectlCompat;

/// <summary>
/// Real kubectl 1.35 against the test API server serving the CRDs of config/crd/ with validation on: what a user
/// does with config/samples/ works, and what the API server refuses reaches the user as kubectl shows it.
/// </summary>
public sealed class KubectlTests
{
    const string Ns = "imports-demo";

    static readonly string[] SampleObjects =
    [
        "headlessimport.importoperator.io/contacts-2024-03",
        "headlessimport.importoperator.io/orders-with-hooks",
        "headlessimport.importoperator.io/seed-initial-data",
        "importschema.importoperator.io/contacts",
    ];

    [Fact]
    public async Task Kubectl_applies_the_samples_lists_them_with_the_printer_columns_and_deletes_them()
    {
        await using var server = await StartAsync();
        var config = server.KubeconfigPath;
        var samples = RepositoryPaths.SampleManifests().SelectMany(f => (string[])["-f", f]).ToArray();

        // As docs/resources.md says to (config/samples is a kustomize base: `apply -f` on the folder would also send
        // its kustomization.yaml, which a real cluster refuses too); re-applied below file by file.
        var apply = await Run(config, "apply", "-k", RepositoryPaths.SamplesFolder, "-n", Ns);
        AssertEach(apply, obj => $"{obj} created");
        // Applying again changes nothing, and kubectl says so: the CRDs default nothing that the samples leave out,
        // so the stored objects are what was written (no "configured" on re-apply, no drift in Argo CD).
        var versions = await Run(config, "get", "imports", "-n", Ns, "-o", "jsonpath={.items[*].metadata.resourceVersion}");
        var reapply = await Run(config, ["apply", "-n", Ns, .. samples]);
        AssertEach(reapply, obj => $"{obj} unchanged");
        Assert.Equal(versions, await Run(config, "get", "imports", "-n", Ns, "-o", "jsonpath={.items[*].metadata.resourceVersion}"));

        // What the operator would write through /status, so that the columns show values.
        using (var client = server.CreateClient())
        {
            var writer = new ImportResources(client, Ns);
            await writer.MergePatchStatusAsync(HeadlessImports, "seed-initial-data",
                """{"status":{"phase":"SUCCESSFUL","resultMetadata":{"numDataRows":1,"numValidRows":1,"numInvalidRows":0,"numResultRows":1}}}""");
            await writer.MergePatchStatusAsync(HeadlessImports, "orders-with-hooks",
                """{"status":{"phase":"RUNNING","progress":{"rowsProcessed":1200,"bytesRead":37000,"totalBytes":100000,"percent":37}}}""");
            await writer.MergePatchStatusAsync(ImportSchemas, "contacts",
                """{"status":{"fieldCount":6,"conditions":[{"type":"Ready","status":"True","reason":"Valid","message":"","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}""");
        }

        var imports = Table(await Run(config, "get", "hi", "-n", Ns));
        Assert.Equal(["NAME", "PHASE", "ROWS", "INVALID", "PROGRESS", "AGE"], imports[0]);
        Assert.Equal(["contacts-2024-03", "orders-with-hooks", "seed-initial-data"], imports.Skip(1).Select(row => row[0]));
        Assert.Equal(["seed-initial-data", "SUCCESSFUL", "1", "0"], imports[3][..4]);
        Assert.Equal(2, imports[1].Length); // No status yet: only the name and the age.
        Assert.Equal(["orders-with-hooks", "RUNNING", "37"], imports[2][..3]); // While running: the percent of the input read.

        var schemas = Table(await Run(config, "get", "isch", "-n", Ns));
        Assert.Equal(["NAME", "READY", "FIELDS", "AGE"], schemas[0]);
        Assert.Equal(["contacts", "True", "6"], schemas[1][..3]);

        var category = await Run(config, "get", "imports", "-n", Ns);
        AssertEach(category, obj => obj);

        var delete = await Run(config, "delete", "-k", RepositoryPaths.SamplesFolder, "-n", Ns);
        AssertEach(delete, obj => obj.Replace("/", " \"", StringComparison.Ordinal) + $"\" deleted from {Ns} namespace");
        Assert.Contains($"No resources found in {Ns} namespace.", await Run(config, "get", "imports", "-n", Ns));
    }

    [Fact]
    public async Task Kubectl_shows_the_API_servers_refusals_as_for_a_real_cluster()
    {
        await using var server = await StartAsync();
        var config = server.KubeconfigPath;
        var sample = Path.Combine(RepositoryPaths.SamplesFolder, "headlessimport-file.yaml");
        var changed = Path.Combine(Path.GetDirectoryName(config)!, "changed-file-import.yaml");
        File.WriteAllText(changed, File.ReadAllText(sample).Replace("originalFilename: contacts.csv", "originalFilename: march.csv"));
        var both = Path.Combine(Path.GetDirectoryName(config)!, "both.yaml");
        File.WriteAllText(both, """
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: both}
            spec:
              schemaRef: {name: contacts}
              fields: [{key: email, label: Email}]
              originalFilename: contacts.csv
            """);

        var unknown = Path.Combine(Path.GetDirectoryName(config)!, "unknown-field.yaml");
        File.WriteAllText(unknown, File.ReadAllText(sample).Replace("originalFilename: contacts.csv", "originalFilename: contacts.csv\n  priority: high"));

        var refusedCreate = await Kubectl.RunAsync(config, "apply", "-n", Ns, "-f", both);
        var refusedUnknown = await Kubectl.RunAsync(config, "apply", "-n", Ns, "-f", unknown);
        await Run(config, "apply", "-n", Ns, "-f", sample);
        var refusedChange = await Kubectl.RunAsync(config, "apply", "-n", Ns, "-f", changed);

        Assert.Equal(1, refusedCreate.ExitCode);
        Assert.Contains("The HeadlessImport \"both\" is invalid: spec: Invalid value: \"object\": exactly one of schemaRef or fields must be set", refusedCreate.Output);
        Assert.Equal(1, refusedUnknown.ExitCode); // kubectl asks for strict field validation
        Assert.Contains("HeadlessImport in version \"v1alpha1\" cannot be handled as a HeadlessImport: strict decoding error: unknown field \"spec.priority\"", refusedUnknown.Output);
        Assert.Equal(1, refusedChange.ExitCode);
        Assert.Contains("The HeadlessImport \"contacts-2024-03\" is invalid: spec: Invalid value: \"object\": spec is immutable", refusedChange.Output);
        var stored = await Run(config, "get", "hi", "contacts-2024-03", "-n", Ns, "-o", "jsonpath={.spec.originalFilename}");
        Assert.Equal("contacts.csv", stored.Trim());
    }

    [Fact]
    public async Task Kubectl_installs_the_CRDs_with_kustomize_and_can_use_them_at_once()
    {
        await using var server = await TestApiServer.TestApiServer.StartAsync();

        var install = await Run(server.KubeconfigPath, "apply", "-k", RepositoryPaths.CrdFolder);
        var apply = await Run(server.KubeconfigPath, "apply", "-n", "default", "-f", Path.Combine(RepositoryPaths.SamplesFolder, "importschema-contacts.yaml"));

        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/headlessimports.importoperator.io created", install);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/importschemas.importoperator.io created", install);
        Assert.Contains("importschema.importoperator.io/contacts created", apply);
    }

    static async Task<TestApiServer.TestApiServer> StartAsync()
    {
        var options = new TestApiServerOptions { ValidateCustomResources = true };
        options.CrdPaths.Add(RepositoryPaths.CrdFolder);
        options.Namespaces.Add(Ns);
        return await TestApiServer.TestApiServer.StartAsync(options);
    }

    /// <summary>Runs kubectl and fails the test, with its output, unless it succeeds.</summary>
    static async Task<string> Run(string kubeconfig, params string[] args)
    {
        var (exitCode, output) = await Kubectl.RunAsync(kubeconfig, args);
        Assert.True(exitCode == 0, $"kubectl {string.Join(' ', args)} exited with {exitCode}: {output}");
        return output;
    }

    /// <summary>Asserts that kubectl's output has a line for every sample object (showing all of it otherwise).</summary>
    static void AssertEach(string output, Func<string, string> line)
    {
        foreach (var obj in SampleObjects)
            Assert.True(output.Contains(line(obj), StringComparison.Ordinal), $"\"{line(obj)}\" is missing from:\n{output}");
    }

    static string[][] Table(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
