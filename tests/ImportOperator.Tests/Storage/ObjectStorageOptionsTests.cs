using ImportOperator.Storage;

namespace ImportOperator.Tests.Storage;

public sealed class ObjectStorageOptionsTests
{
    public static TheoryData<string, Action<ObjectStorageOptions>, string> Problems => new()
    {
        { "missing bucket", o => o.Bucket = "", "Storage:Bucket is required" },
        { "bad bucket", o => o.Bucket = "My_Bucket", "Storage:Bucket 'My_Bucket' is not a valid bucket name" },
        { "no endpoint nor region", o => { o.ServiceUrl = null; o.Region = null; }, "Storage:ServiceUrl or Storage:Region is required" },
        { "relative endpoint", o => o.ServiceUrl = "minio:9000", "Storage:ServiceUrl 'minio:9000' must be an absolute http:// or https:// URL" },
        { "key without secret", o => o.AccessKeyIdFile = "/nonexistent/key", "Storage:AccessKeyIdFile and Storage:SecretAccessKeyFile go together" },
        { "small parts", o => o.MultipartPartSizeBytes = 1024, "Storage:MultipartPartSizeBytes must be at least 5242880" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_names_its_setting(string _, Action<ObjectStorageOptions> spoil, string expected)
    {
        var options = Valid();
        spoil(options);

        var error = Assert.Throws<InvalidOperationException>(options.EnsureValid);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Missing_credential_files_are_named()
    {
        var options = Valid();
        options.AccessKeyIdFile = "/nonexistent/key";
        options.SecretAccessKeyFile = "/nonexistent/secret";

        var problems = options.Validate();

        Assert.Contains(problems, p => p.Contains("Storage:AccessKeyIdFile: file '/nonexistent/key' does not exist"));
        Assert.Contains(problems, p => p.Contains("Storage:SecretAccessKeyFile: file '/nonexistent/secret' does not exist"));
    }

    [Fact]
    public void Valid_settings_have_no_problems_and_describe_themselves_without_secrets()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var options = Valid();
            options.AccessKeyIdFile = Path.Combine(directory.FullName, "id");
            options.SecretAccessKeyFile = Path.Combine(directory.FullName, "secret");
            File.WriteAllText(options.AccessKeyIdFile, "AKIDEXAMPLE");
            File.WriteAllText(options.SecretAccessKeyFile, "very-secret-value");

            Assert.Empty(options.Validate());
            Assert.DoesNotContain("very-secret-value", options.ToString());
            Assert.DoesNotContain("AKIDEXAMPLE", options.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static ObjectStorageOptions Valid() => new() { ServiceUrl = "http://127.0.0.1:9000", Bucket = "imports", ForcePathStyle = true };
}
