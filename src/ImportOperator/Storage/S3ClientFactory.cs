using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace ImportOperator.Storage;

/// <summary>Builds the S3 client from <see cref="ObjectStorageOptions"/>; the only place credentials are read.</summary>
public static class S3ClientFactory
{
    /// <summary>Region used to sign requests to a custom endpoint when none is configured (what MinIO and s3rver expect).</summary>
    public const string DefaultSigningRegion = "us-east-1";

    /// <param name="options">Validated first; every problem is reported at once.</param>
    /// <param name="configure">Last word on the SDK settings (timeouts, retries, an HTTP client factory).</param>
    public static IAmazonS3 Create(ObjectStorageOptions options, Action<AmazonS3Config>? configure = null)
    {
        options.EnsureValid();
        // AWSSDK.S3 4.x signs everything, presigned URLs included, with SigV4 (AWS4-HMAC-SHA256); SigV2 is gone.
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? DefaultSigningRegion : options.Region;
            // Checksums beyond the ones S3 requires use aws-chunked trailers that older MinIO/Ceph and s3rver reject.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        configure?.Invoke(config);
        var credentials = ReadCredentials(options);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <summary>Explicit key files (a mounted Secret), or null for the standard AWS chain (env, profile, IRSA, IMDS).</summary>
    private static AWSCredentials? ReadCredentials(ObjectStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AccessKeyIdFile)) return null;
        var accessKey = File.ReadAllText(options.AccessKeyIdFile).Trim();
        var secretKey = File.ReadAllText(options.SecretAccessKeyFile!).Trim();
        if (accessKey.Length == 0 || secretKey.Length == 0)
            throw new InvalidOperationException(
                $"{ObjectStorageOptions.SectionName}:{nameof(ObjectStorageOptions.AccessKeyIdFile)} or {nameof(ObjectStorageOptions.SecretAccessKeyFile)} names an empty file.");
        return new BasicAWSCredentials(accessKey, secretKey);
    }
}
