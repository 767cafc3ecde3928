using ImportOperator.Review;

namespace ImportOperator.Tests.Review;

public sealed class ReviewSigningKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("review-key-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_key_file_shorter_than_32_bytes_is_refused_naming_the_file()
    {
        var path = Path.Combine(_dir, "review.key");
        File.WriteAllText(path, "0123456789abcdef0123456789abcde\n"); // 31 bytes and a line break

        var error = Assert.Throws<InvalidOperationException>(() => ReviewSigningKey.FromFile(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("31 bytes", error.Message);
        Assert.Contains("at least 32 bytes", error.Message);
    }

    [Fact]
    public void Links_issued_with_a_key_file_verify_with_the_same_file_read_again()
    {
        var path = Path.Combine(_dir, "review.key");
        File.WriteAllText(path, "0123456789abcdef0123456789abcdef\n");
        var baseUrl = new Uri("https://review.example.com");

        var link = new ReviewLinks(ReviewSigningKey.FromFile(path), baseUrl).Issue("ns", "name", "uid-1", TimeSpan.FromMinutes(5));
        var token = link.Url.Segments[^1];

        Assert.True(new ReviewLinks(ReviewSigningKey.FromFile(path), baseUrl).Verify(token).Valid);
    }

    [Fact]
    public void A_short_key_given_as_bytes_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => ReviewSigningKey.FromBytes(new byte[16]));
}
