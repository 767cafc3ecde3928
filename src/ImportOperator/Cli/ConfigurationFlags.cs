using System.CommandLine;
using System.Globalization;

namespace ImportOperator.Cli;

/// <summary>
/// Flags of the long-running verbs that are configuration keys: the help shows each flag's key, and a flag given on
/// the command line overrides that key (over the config file and the environment). Flags left out override nothing.
/// </summary>
public sealed class ConfigurationFlags
{
    readonly List<(Option Option, string Key, Func<object?, string?> ToValue)> _flags = [];

    public IEnumerable<Option> Options => _flags.Select(f => f.Option);

    /// <param name="name">The flag, e.g. --storage-bucket.</param>
    /// <param name="key">The configuration key it sets, e.g. Storage:Bucket (shown in the help).</param>
    /// <param name="description">What it does and its default.</param>
    /// <param name="format">Turns the parsed value into the configuration's text; by default invariant text, booleans as true/false.</param>
    public Option<T> Add<T>(string name, string key, string description, Func<T, string?>? format = null)
    {
        var option = new Option<T>(name) { Description = $"{description} [{key}]" };
        _flags.Add((option, key, value => value is null ? null : format is not null ? format((T)value) : Text(value)));
        return option;
    }

    /// <summary>The object-storage flags (section Storage), the same for every verb that reaches storage.</summary>
    public Option[] AddStorage(string bucketDescription) =>
    [
        Add<string?>("--storage-bucket", "Storage:Bucket", bucketDescription),
        Add<string?>("--storage-endpoint", "Storage:ServiceUrl", "S3-compatible endpoint, e.g. http://minio:9000 (default: AWS)."),
        Add<string?>("--storage-region", "Storage:Region", "AWS region, or the signing region of the endpoint."),
        Add<bool?>("--storage-force-path-style", "Storage:ForcePathStyle", "Address buckets as host/bucket (MinIO, Ceph, s3rver)."),
        Add<string?>("--storage-access-key-id-file", "Storage:AccessKeyIdFile", "File holding the access key id (default: the AWS credential chain)."),
        Add<string?>("--storage-secret-access-key-file", "Storage:SecretAccessKeyFile", "File holding the secret access key."),
    ];

    /// <summary>
    /// A verb configured like the operator and the review app: --config, then these flags as configuration keys;
    /// the action gets the config file and the keys the flags actually given.
    /// </summary>
    public Command Command(string name, string description, Option<string?> config, IEnumerable<Option> options,
        Func<string?, IReadOnlyDictionary<string, string?>, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        command.Options.Add(config);
        foreach (var option in options) command.Options.Add(option);
        command.SetAction((parseResult, ct) => run(parseResult.GetValue(config), Overrides(parseResult), ct));
        return command;
    }

    /// <summary>Prints every settings problem of a verb under one heading (the caller exits 1).</summary>
    public static void ReportProblems(string what, IReadOnlyList<string> problems)
    {
        Console.Error.WriteLine($"error: {what} settings are invalid:");
        foreach (var problem in problems) Console.Error.WriteLine($" - {problem}");
    }

    /// <summary>Seconds as a configuration TimeSpan ("00:00:05").</summary>
    public static string? Seconds(double? value) => value is { } v ? TimeSpan.FromSeconds(v).ToString("c", CultureInfo.InvariantCulture) : null;

    /// <summary>The configuration keys set by the flags actually given.</summary>
    public IReadOnlyDictionary<string, string?> Overrides(ParseResult parseResult)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (option, key, toValue) in _flags)
        {
            var result = parseResult.GetResult(option);
            if (result is null || result.Implicit) continue;
            overrides[key] = toValue(result.GetValueOrDefault<object?>());
        }
        return overrides;
    }

    static string? Text(object value) => value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture);
}
