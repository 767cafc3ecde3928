namespace ImportOperator.Storage;

/// <summary>
/// Where imports keep their files: any S3-compatible endpoint (AWS, MinIO, Ceph, s3rver).
/// Bound from configuration (section <see cref="SectionName"/>); <see cref="Validate"/> names the setting at fault.
/// </summary>
public sealed class ObjectStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Endpoint of a non-AWS store, e.g. <c>http://minio.storage:9000</c>. Empty means AWS, found by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region (e.g. <c>eu-west-1</c>); with <see cref="ServiceUrl"/> it is the signing region (default us-east-1).</summary>
    public string? Region { get; set; }

    /// <summary>The bucket that holds every import's objects; created when absent.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Address buckets as <c>host/bucket/key</c> rather than <c>bucket.host/key</c>; MinIO, Ceph and s3rver want this.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>File holding the access key id (e.g. a mounted Secret). Empty: the standard AWS credential chain.</summary>
    public string? AccessKeyIdFile { get; set; }

    /// <summary>File holding the secret access key; required together with <see cref="AccessKeyIdFile"/>.</summary>
    public string? SecretAccessKeyFile { get; set; }

    /// <summary>Size of one part of a multipart upload; a stream shorter than this goes up in a single PUT.</summary>
    public int MultipartPartSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The S3 minimum part size (except the last part).</summary>
    public const int MinimumPartSizeBytes = 5 * 1024 * 1024;

    /// <summary>Every problem with these settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var prefix = SectionName + ":";
        if (string.IsNullOrWhiteSpace(Bucket))
            problems.Add($"{prefix}{nameof(Bucket)} is required: the bucket that holds the imports' files.");
        else if (!BucketNameRules.IsValid(Bucket))
            problems.Add($"{prefix}{nameof(Bucket)} '{Bucket}' is not a valid bucket name (3-63 characters: lower-case letters, digits, '.', '-'; starting and ending with a letter or digit).");

        if (string.IsNullOrWhiteSpace(ServiceUrl) && string.IsNullOrWhiteSpace(Region))
            problems.Add($"{prefix}{nameof(ServiceUrl)} or {prefix}{nameof(Region)} is required: an endpoint URL for MinIO/Ceph, or the AWS region.");
        if (!string.IsNullOrWhiteSpace(ServiceUrl)
            && (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            problems.Add($"{prefix}{nameof(ServiceUrl)} '{ServiceUrl}' must be an absolute http:// or https:// URL.");

        var hasKeyFile = !string.IsNullOrWhiteSpace(AccessKeyIdFile);
        var hasSecretFile = !string.IsNullOrWhiteSpace(SecretAccessKeyFile);
        if (hasKeyFile != hasSecretFile)
            problems.Add($"{prefix}{nameof(AccessKeyIdFile)} and {prefix}{nameof(SecretAccessKeyFile)} go together: set both, or neither to use the standard AWS credential chain.");
        if (hasKeyFile && !File.Exists(AccessKeyIdFile))
            problems.Add($"{prefix}{nameof(AccessKeyIdFile)}: file '{AccessKeyIdFile}' does not exist.");
        if (hasSecretFile && !File.Exists(SecretAccessKeyFile))
            problems.Add($"{prefix}{nameof(SecretAccessKeyFile)}: file '{SecretAccessKeyFile}' does not exist.");

        if (MultipartPartSizeBytes < MinimumPartSizeBytes)
            problems.Add($"{prefix}{nameof(MultipartPartSizeBytes)} must be at least {MinimumPartSizeBytes} (the S3 minimum part size).");
        return problems;
    }

    /// <summary>Throws one exception listing every problem, so a misconfigured operator says all at once.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
            throw new InvalidOperationException("Object storage settings are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
    }

    /// <summary>No secrets in here: only whether files are used, never their content.</summary>
    public override string ToString() =>
        $"bucket={Bucket}, endpoint={(string.IsNullOrWhiteSpace(ServiceUrl) ? "aws" : ServiceUrl)}, region={Region ?? "(default)"}, " +
        $"forcePathStyle={ForcePathStyle}, credentials={(string.IsNullOrWhiteSpace(AccessKeyIdFile) ? "aws-default-chain" : "files")}";
}
