using System.CommandLine;
using System.Globalization;
using Amazon.S3;
using ImportOperator.Configuration;
using ImportOperator.Operator.Hosting;
using ImportOperator.Review;
using ImportOperator.ReviewApp;
using ImportOperator.Storage;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Cli;

/// <summary>
/// The <c>review</c> verb: the review web app where a person finishes an import that needs review. Settings as for
/// the operator: --config FILE, then IMPORT_OPERATOR_&lt;Section&gt;__&lt;Key&gt;, then these flags.
/// </summary>
public static class ReviewCommand
{
    public const int ExitConfigurationError = 1;

    public static Command Create()
    {
        var flags = new ConfigurationFlags();
        var config = new Option<string?>("--config") { Description = "A JSON file of settings (sections Review and Storage)." };
        Option[] options =
        [
            flags.Add<int?>("--listen", "Review:Listen", "Port to serve on (default 8080; 0 any free port)."),
            flags.Add<string?>("--bind-address", "Review:BindAddress", "Address to bind (default 0.0.0.0)."),
            flags.Add<string?>("--review-signing-key-file", "Review:SigningKeyFile", "File with the HMAC key that signs review links (the operator's)."),
            flags.Add<string?>("--kubeconfig", "Review:Kubeconfig", "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, then in-cluster)."),
            flags.Add<string?>("--context", "Review:Context", "Kubeconfig context (default: the current one)."),
            flags.Add<string?>("--namespace", "Review:Namespace", "Serve only imports of this namespace (default: all)."),
            flags.Add<string?>("--scratch-directory", "Review:ScratchDirectory", "Folder for downloaded inputs and review tables (default: temp)."),
            .. flags.AddStorage("Bucket that holds every import's files."),
        ];
        return flags.Command("review", """
            Serve the review web app where a person finishes an import that needs review (status.reviewUrl). It reads
            and patches HeadlessImports (the review-completed annotation) and reads and writes the import's objects.

            Example (one machine, with s3rver and the test API server):
              import-operator review --listen 8090 --kubeconfig ./kubeconfig --review-signing-key-file ./review-key \
                --storage-bucket imports --storage-endpoint http://127.0.0.1:4568 --storage-force-path-style true
            """, config, options, RunAsync);
    }

    public static async Task<int> RunAsync(string? configFile, IReadOnlyDictionary<string, string?> overrides, CancellationToken ct)
    {
        ReviewAppSettings settings;
        ReviewSigningKey key;
        KubernetesClientConfiguration cluster;
        try
        {
            settings = ReviewAppSettings.Bind(AppConfiguration.Build(configFile, overrides));
            var problems = settings.Validate();
            if (problems.Count > 0)
            {
                ConfigurationFlags.ReportProblems("the review app's", problems);
                return ExitConfigurationError;
            }
            key = ReviewSigningKey.FromFile(settings.SigningKeyFile!);
            cluster = KubernetesConnection.Configure(settings.Kubeconfig, settings.Context);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or FormatException or InvalidDataException
                                       or IOException or UnauthorizedAccessException or ArgumentException or k8s.Exceptions.KubeConfigException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitConfigurationError;
        }
        using var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; console.UseUtcTimestamp = true; })
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
        using var kubernetes = new Kubernetes(cluster);
        using IAmazonS3 s3 = S3ClientFactory.Create(settings.Storage);
        var store = new S3ObjectStore(s3, settings.Storage);
        await using var app = ReviewServer.Build(new ReviewAppDependencies(settings, key, kubernetes, store));
        await app.StartAsync(ct).ConfigureAwait(false);
        var log = loggers.CreateLogger("ImportOperator.Review");
        foreach (var address in ReviewServer.BoundAddresses(app)) log.LogInformation("Review app listening on {Address}", address);
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }
}
