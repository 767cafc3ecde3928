using System.Text;
using ImportOperator.Notifications;

namespace ImportOperator.Tests.Notifications;

public sealed class WebhookSigningKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("webhook-key-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KeyFile(string content)
    {
        var path = Path.Combine(_dir, "key");
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("")]
    public void A_key_file_written_with_echo_gives_the_key_the_receiver_typed(string lineEnd)
    {
        const string secret = "whsec-0123456789abcdef";
        var fromFile = WebhookSigningKey.FromFile(KeyFile(secret + lineEnd));
        var body = "{}"u8.ToArray();

        var header = WebhookSignature.HeaderValue(fromFile, 1_800_000_000, body);

        Assert.Equal(WebhookSignatureCheck.Valid,
            WebhookSignature.Verify(header, body, Encoding.UTF8.GetBytes(secret), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
    }

    [Fact]
    public void A_short_key_is_refused_naming_the_file_and_the_minimum()
    {
        var path = KeyFile("short\n");

        var error = Assert.Throws<InvalidOperationException>(() => WebhookSigningKey.FromFile(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("at least 16 bytes", error.Message);
    }

    [Fact]
    public void A_missing_key_file_is_an_error_naming_it()
    {
        var path = Path.Combine(_dir, "absent");

        var error = Assert.Throws<InvalidOperationException>(() => WebhookSigningKey.FromFile(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Several_keys_are_accepted_while_a_secret_is_being_changed()
    {
        var oldKey = Encoding.UTF8.GetBytes("old-secret-0123456789");
        var newKey = Encoding.UTF8.GetBytes("new-secret-0123456789");
        var body = "{\"a\":1}"u8.ToArray();
        var header = WebhookSignature.HeaderValue(WebhookSigningKey.FromBytes(oldKey), 100, body);
        var now = DateTimeOffset.FromUnixTimeSeconds(100);

        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(header, body, [newKey, oldKey], now));
        Assert.Equal(WebhookSignatureCheck.Mismatch, WebhookSignature.Verify(header, body, [newKey], now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=00")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=100")]
    [InlineData("t=99999999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_header_is_reported_as_such(string? header) =>
        Assert.Equal(WebhookSignatureCheck.Malformed,
            WebhookSignature.Verify(header, "{}"u8, Encoding.UTF8.GetBytes("0123456789abcdef"), DateTimeOffset.FromUnixTimeSeconds(100)));
}
