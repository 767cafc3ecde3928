using Amazon.S3;
using ImportOperator.Configuration;
using ImportOperator.Storage;
using Microsoft.Extensions.Configuration;

namespace ImportOperator.Worker;

/// <summary>
/// The worker's object storage, from the config file and the environment (<c>IMPORT_OPERATOR_Storage__*</c>);
/// credentials come from the key files when set, else from the AWS SDK's default chain (AWS_ACCESS_KEY_ID /
/// AWS_SECRET_ACCESS_KEY, workload identity). Settings that cannot work are a permanent failure naming them.
/// </summary>
internal sealed class WorkerStorage : IDisposable
{
    private WorkerStorage(IAmazonS3 client, S3ObjectStore store, ObjectStorageOptions options)
    {
        Client = client;
        Store = store;
        Options = options;
    }

    public IAmazonS3 Client { get; }
    public S3ObjectStore Store { get; }
    public ObjectStorageOptions Options { get; }

    public static WorkerStorage Open(string? configFile)
    {
        ObjectStorageOptions options;
        try
        {
            var configuration = AppConfiguration.Build(configFile);
            options = configuration.GetSection(ObjectStorageOptions.SectionName).Get<ObjectStorageOptions>() ?? new ObjectStorageOptions();
        }
        catch (FileNotFoundException e)
        {
            throw WorkerFailure.Permanent(e.Message, e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException)
        {
            // A value that does not convert (ForcePathStyle=maybe) or a config file that is not JSON; the message names it.
            throw WorkerFailure.Permanent($"The storage settings cannot be read: {StorageErrors.OneLine(e.Message)}{InnerMessage(e)}", e);
        }

        var problems = options.Validate();
        if (problems.Count > 0)
            throw WorkerFailure.Permanent($"The storage settings are invalid: {string.Join(" ", problems)} (environment variables IMPORT_OPERATOR_Storage__<Setting>, or --config).");

        IAmazonS3 client;
        try
        {
            client = S3ClientFactory.Create(options);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw WorkerFailure.Permanent($"The storage client cannot be created: {StorageErrors.OneLine(e.Message)}", e);
        }
        return new WorkerStorage(client, new S3ObjectStore(client, options), options);
    }

    /// <summary>Where the worker reads and writes, for the log: no credentials, and no user info from the URL.</summary>
    public string Describe()
    {
        var endpoint = "AWS S3 (" + (Options.Region ?? "default region") + ")";
        if (!string.IsNullOrWhiteSpace(Options.ServiceUrl) && Uri.TryCreate(Options.ServiceUrl, UriKind.Absolute, out var url))
            endpoint = new UriBuilder(url) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Authority);
        return $"bucket '{Options.Bucket}' at {endpoint}";
    }

    private static string InnerMessage(Exception e) =>
        e.InnerException is { } inner ? " (" + StorageErrors.OneLine(inner.Message) + ")" : "";

    public void Dispose() => Client.Dispose();
}
