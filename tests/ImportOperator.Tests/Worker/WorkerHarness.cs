using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Cli;
using ImportOperator.Manifests;
using ImportOperator.Storage;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>
/// A bucket of its own on s3rver, a config file pointing at it, and a scratch folder: stores what the operator
/// stores (request.json and the input), runs the worker verb in-process, and reads back what it committed.
/// </summary>
public sealed class WorkerHarness : IAsyncLifetime
{
    private readonly S3rverFixture _s3rver;
    private IAmazonS3? _client;

    public WorkerHarness(S3rverFixture s3rver)
    {
        _s3rver = s3rver;
        Folder = Directory.CreateTempSubdirectory("import-worker-test-").FullName;
        Bucket = S3rverFixture.NewBucketName();
        ConfigFile = WriteConfig("config.json", _s3rver.Options(Bucket));
    }

    public string Folder { get; }
    public string Bucket { get; }
    public string ConfigFile { get; }
    public string ScratchDirectory => Path.Combine(Folder, "scratch");
    public string TerminationLog => Path.Combine(Folder, "termination-log");
    public S3ObjectStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _client = _s3rver.CreateClient(Bucket);
        Store = new S3ObjectStore(_client, _s3rver.Options(Bucket));
        await Store.EnsureBucketAsync();
        Directory.CreateDirectory(ScratchDirectory);
        // Present like Kubernetes' own, so that the worker writes the reason of a failure into it.
        await File.WriteAllTextAsync(TerminationLog, "");
    }

    /// <summary>A config file with these storage settings (tests change them to break them).</summary>
    public string WriteConfig(string name, ObjectStorageOptions options)
    {
        var path = Path.Combine(Folder, name);
        var json = new JsonObject
        {
            ["Storage"] = new JsonObject
            {
                ["ServiceUrl"] = options.ServiceUrl,
                ["Region"] = options.Region,
                ["Bucket"] = options.Bucket,
                ["ForcePathStyle"] = options.ForcePathStyle,
                ["AccessKeyIdFile"] = options.AccessKeyIdFile,
                ["SecretAccessKeyFile"] = options.SecretAccessKeyFile,
                ["MultipartPartSizeBytes"] = options.MultipartPartSizeBytes,
            },
        };
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    public ObjectStorageOptions Options() => _s3rver.Options(Bucket);

    /// <summary>The HeadlessImport (and ImportSchema) in manifest files, given a uid as the API server would.</summary>
    public WorkerRequest RequestFrom(params string[] manifestPaths)
    {
        var set = ManifestSet.Load(manifestPaths);
        var import = set.SingleImport().Value;
        import.Metadata.NamespaceProperty ??= "default";
        import.Metadata.Uid = Guid.NewGuid().ToString();
        import.Metadata.Generation = 1;
        var schema = import.Spec.SchemaRef is { } reference ? set.FindSchema(reference.Name, import.Metadata.NamespaceProperty)?.Value : null;
        return new WorkerRequest { Import = import, Schema = schema };
    }

    /// <summary>Manifest text written to a file of this run's folder.</summary>
    public string ManifestFile(string text)
    {
        var path = Path.Combine(Folder, $"manifest-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    public static ImportObjectKeys KeysOf(WorkerRequest request) => ImportObjectKeys.For(
        request.Import.Metadata.NamespaceProperty, request.Import.Metadata.Name, request.Import.Metadata.Uid,
        WorkerRequest.InputFileNameOf(request.Import));

    /// <summary>What the operator stores at PENDING: request.json, and the input (initialData as a JSON array).</summary>
    public async Task<ImportObjectKeys> StoreAsync(WorkerRequest request, byte[]? fileContent = null)
    {
        var keys = KeysOf(request);
        await Store.PutAsync(keys.Request, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, ApiJson.Options)), "application/json");
        var input = request.Import.Spec.InitialData is { } rows ? JsonSerializer.SerializeToUtf8Bytes(rows, ApiJson.Options) : fileContent;
        if (input is not null) await Store.PutAsync(keys.Input, new MemoryStream(input));
        return keys;
    }

    /// <param name="store">A store wrapping <see cref="Store"/> that injects faults; null for the configured one.</param>
    public async Task<WorkerResult> RunAsync(string requestKey, string? configFile = null, TimeSpan? progressInterval = null, IObjectStore? store = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await WorkerCommand.RunAsync(new WorkerInvocation
        {
            RequestKey = requestKey,
            ScratchDirectory = ScratchDirectory,
            ConfigFile = configFile ?? ConfigFile,
            Output = output,
            Error = error,
            TerminationLogPath = TerminationLog,
            ProgressInterval = progressInterval ?? TimeSpan.FromSeconds(5),
        }, store, CancellationToken.None);
        return new WorkerResult(exitCode, output.ToString(), error.ToString(), File.ReadAllText(TerminationLog));
    }

    public async Task<string> ReadTextAsync(string key)
    {
        await using var stream = await Store.GetAsync(key);
        return await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
    }

    public async Task<ImportSummary> ReadSummaryAsync(ImportObjectKeys keys)
    {
        await using var stream = await Store.GetAsync(keys.Summary);
        return await ImportSummary.ReadAsync(stream);
    }

    public async Task<JsonArray> ReadDataAsync(ImportObjectKeys keys) => JsonNode.Parse(await ReadTextAsync(keys.Data))!.AsArray();

    public async Task<JsonObject> ReadMetadataAsync(ImportObjectKeys keys) => JsonNode.Parse(await ReadTextAsync(keys.Metadata))!.AsObject();

    public Task DisposeAsync()
    {
        _client?.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>What a user of the Job sees: the exit code, the log streams and the termination message.</summary>
public sealed record WorkerResult(int ExitCode, string Output, string Error, string TerminationMessage)
{
    /// <summary>The last line on standard error: what FallbackToLogsOnError makes the termination message.</summary>
    public string LastErrorLine => Error.TrimEnd().Split('\n').LastOrDefault()?.TrimEnd('\r') ?? "";
}
