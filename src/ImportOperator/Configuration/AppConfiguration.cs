using Microsoft.Extensions.Configuration;

namespace ImportOperator.Configuration;

/// <summary>
/// Where the long-running verbs (operator, worker, review) read their settings, later sources winning: an optional
/// JSON config file, then environment variables prefixed <see cref="EnvironmentPrefix"/> (sections separated by
/// <c>__</c>, e.g. <c>IMPORT_OPERATOR_Storage__Bucket</c>), then command-line flags already mapped to keys.
/// </summary>
public static class AppConfiguration
{
    public const string EnvironmentPrefix = "IMPORT_OPERATOR_";

    /// <param name="configFile">A JSON file (e.g. a mounted ConfigMap); null or empty for none. A missing file is an error.</param>
    /// <param name="overrides">Keys such as <c>Storage:Bucket</c> from flags; null values are left out.</param>
    public static IConfiguration Build(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        if (!string.IsNullOrWhiteSpace(configFile))
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full)) throw new FileNotFoundException($"--config {configFile}: no such file.", full);
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
            builder.AddInMemoryCollection(overrides.Where(pair => pair.Value is not null));
        return builder.Build();
    }
}
