using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using ImportOperator.Storage;

namespace ImportOperator.Tests;

/// <summary>
/// A real s3rver 3.7.1 (installed by scripts/install-test-tools.sh into .tools/s3rver) on a free loopback port
/// with a throw-away data folder; stopped by its own process id when the tests are done.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly string Script = RepositoryPaths.Of(".tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "s3rver-" + Guid.NewGuid().ToString("N"));
    private readonly string _credentialsDirectory = Path.Combine(Path.GetTempPath(), "s3rver-keys-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public string ServiceUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Script))
            throw new InvalidOperationException($"s3rver is not installed ({Script} is missing). Run: bash scripts/install-test-tools.sh");

        var port = FreePort();
        ServiceUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(_dataDirectory);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+) only offers
        // through its legacy provider: without it every listing beyond the first page fails with a 500.
        foreach (var argument in new[] { "--openssl-legacy-provider", Script, "-d", _dataDirectory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for s3rver.");
        // Drain its output so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(port);
    }

    private async Task WaitUntilAnsweringAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode} before answering on port {port}.");
            try
            {
                // Any HTTP answer (an unauthenticated list is refused with 403) means it is serving.
                using var response = await http.GetAsync(ServiceUrl + "/");
                return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"s3rver did not answer on {ServiceUrl} within 30 seconds.");
    }

    /// <summary>Settings for a bucket of its own, so tests never see each other's objects.</summary>
    public ObjectStorageOptions Options(string bucket)
    {
        Directory.CreateDirectory(_credentialsDirectory);
        var keyFile = Path.Combine(_credentialsDirectory, "access-key-id");
        var secretFile = Path.Combine(_credentialsDirectory, "secret-access-key");
        File.WriteAllText(keyFile, AccessKey + "\n");
        File.WriteAllText(secretFile, SecretKey + "\n");
        return new ObjectStorageOptions
        {
            ServiceUrl = ServiceUrl,
            Bucket = bucket,
            ForcePathStyle = true,
            Region = "us-east-1",
            AccessKeyIdFile = keyFile,
            SecretAccessKeyFile = secretFile,
            MultipartPartSizeBytes = ObjectStorageOptions.MinimumPartSizeBytes,
        };
    }

    public IAmazonS3 CreateClient(string bucket, Action<AmazonS3Config>? configure = null) => S3ClientFactory.Create(Options(bucket), configure);

    /// <summary>A unique, valid bucket name per test.</summary>
    public static string NewBucketName() => "test-" + Guid.NewGuid().ToString("N")[..20];

    public Task DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
        TryDelete(_dataDirectory);
        TryDelete(_credentialsDirectory);
        return Task.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
