using ImportOperator.Storage;
using Microsoft.Extensions.Configuration;

namespace ImportOperator.ReviewApp;

/// <summary>
/// The review verb's settings: section <c>Review</c> (listen port, key file, cluster access, scratch folder) and the
/// shared <c>Storage</c> section. Every key can come from --config, IMPORT_OPERATOR_Review__Key or a flag.
/// </summary>
public sealed class ReviewAppSettings
{
    public const string SectionName = "Review";

    /// <summary>Port to listen on (0: any free port, reported in the log).</summary>
    public int Listen { get; set; } = 8080;

    /// <summary>Address to bind (default all interfaces; tests use 127.0.0.1).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>File with the HMAC key that signs review links (the operator's --review-signing-key-file).</summary>
    public string? SigningKeyFile { get; set; }

    public string? Kubeconfig { get; set; }
    public string? Context { get; set; }

    /// <summary>Serve only imports of this namespace (default: any namespace the service account can read).</summary>
    public string? Namespace { get; set; }

    /// <summary>Where inputs are downloaded and review tables materialised (default: a folder under the temp dir).</summary>
    public string? ScratchDirectory { get; set; }

    /// <summary>Rows per page of the grid (the API caps what a client may ask at 500).</summary>
    public int PageSize { get; set; } = 50;

    public ObjectStorageOptions Storage { get; } = new();

    public static ReviewAppSettings Bind(IConfiguration configuration)
    {
        var settings = new ReviewAppSettings();
        configuration.GetSection(SectionName).Bind(settings);
        configuration.GetSection(ObjectStorageOptions.SectionName).Bind(settings.Storage);
        return settings;
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Listen is < 0 or > 65535) problems.Add($"Review:Listen (--listen) is {Listen}; give a port from 0 to 65535.");
        if (string.IsNullOrWhiteSpace(SigningKeyFile))
            problems.Add("Review:SigningKeyFile (--review-signing-key-file) is required: the key that checks review links.");
        if (PageSize is < 1 or > 500) problems.Add($"Review:PageSize is {PageSize}; give 1 to 500.");
        problems.AddRange(Storage.Validate());
        return problems;
    }
}
