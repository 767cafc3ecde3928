using System.Buffers.Text;
using System.Text;
using ImportOperator.Review;

namespace ImportOperator.Tests.Review;

public sealed class ReviewLinksTests
{
    private const string Uid = "0b9e4d7c-1111-4a2b-8c3d-4e5f60718293";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 19, 0, 0, TimeSpan.Zero);
    private static readonly ReviewSigningKey Key = ReviewSigningKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly ReviewSigningKey OtherKey = ReviewSigningKey.FromBytes(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private readonly ManualTimeProvider _clock = new(Now);

    private ReviewLinks Links(string baseUrl = "https://review.example.com", ReviewSigningKey? key = null) =>
        new(key ?? Key, new Uri(baseUrl), _clock);

    private static string PayloadJsonOf(string token) =>
        Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.'))));

    private static string TokenOf(ReviewLink link) => link.Url.AbsolutePath[(link.Url.AbsolutePath.LastIndexOf('/') + 1)..];

    [Fact]
    public void An_issued_link_verifies_as_its_import_until_it_expires()
    {
        var link = Links().Issue("team-a", "contacts", Uid, TimeSpan.FromHours(24));

        Assert.Equal(Now.AddHours(24), link.ExpiresAt);
        Assert.StartsWith("https://review.example.com/review/", link.Url.ToString());
        var check = Links().Verify(TokenOf(link));
        Assert.True(check.Valid, check.Message);
        Assert.Equal(ReviewTokenFailure.None, check.Failure);
        Assert.Equal(("team-a", "contacts", Uid), (check.Namespace, check.Name, check.Uid));
        Assert.Equal(link.ExpiresAt, check.ExpiresAt);
    }

    [Fact]
    public void A_token_for_one_import_never_opens_another()
    {
        var check = Links().Verify(TokenOf(Links().Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1))));

        Assert.True(check.IsFor("team-a", "contacts", Uid));
        Assert.False(check.IsFor("team-b", "contacts", Uid));
        Assert.False(check.IsFor("team-a", "other", Uid));
        // Deleted and created again under the same name: a new uid, and the old link does not open it.
        Assert.False(check.IsFor("team-a", "contacts", "11111111-2222-3333-4444-555555555555"));
    }

    [Fact]
    public void A_payload_changed_to_name_another_import_is_invalid()
    {
        var token = TokenOf(Links().Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1)));
        var signature = token[(token.IndexOf('.') + 1)..];
        var json = PayloadJsonOf(token);
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace("team-a", "team-b")));

        var check = Links().Verify(forged + "." + signature);

        Assert.False(check.Valid);
        Assert.Equal(ReviewTokenFailure.Invalid, check.Failure);
        Assert.Null(check.Namespace);
        Assert.Contains("signature does not match", check.Message);
    }

    [Fact]
    public void A_changed_signature_is_invalid()
    {
        var token = TokenOf(Links().Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1)));
        // A character in the middle of the signature: every one of its bits is signature, none is padding.
        var at = token.IndexOf('.') + 10;
        var tampered = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        var check = Links().Verify(tampered);

        Assert.Equal(ReviewTokenFailure.Invalid, check.Failure);
    }

    [Fact]
    public void A_later_expiry_written_into_the_payload_is_invalid()
    {
        var token = TokenOf(Links().Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1)));
        var json = PayloadJsonOf(token);
        var exp = (Now.AddHours(1)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var extended = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace(exp, "4102444800")));

        Assert.Equal(ReviewTokenFailure.Invalid, Links().Verify(extended + token[token.IndexOf('.')..]).Failure);
    }

    [Fact]
    public void An_expired_link_is_refused_but_says_which_import_it_was_for()
    {
        var link = Links().Issue("team-a", "contacts", Uid, TimeSpan.FromMinutes(30));
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(Links().Verify(TokenOf(link)).Valid);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var check = Links().Verify(TokenOf(link));

        Assert.False(check.Valid);
        Assert.Equal(ReviewTokenFailure.Expired, check.Failure);
        Assert.Equal("contacts", check.Name);
        Assert.False(check.IsFor("team-a", "contacts", Uid));
        Assert.Contains("expired", check.Message);
    }

    [Fact]
    public void A_link_signed_with_another_key_is_invalid()
    {
        var link = Links(key: OtherKey).Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1));

        Assert.Equal(ReviewTokenFailure.Invalid, Links().Verify(TokenOf(link)).Failure);
    }

    [Fact]
    public void During_a_key_change_links_of_the_previous_key_still_verify()
    {
        var oldLink = Links(key: OtherKey).Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1));
        var rotated = new ReviewLinks(Key, new Uri("https://review.example.com"), _clock) { PreviousKey = OtherKey };

        Assert.True(rotated.Verify(TokenOf(oldLink)).Valid);
        // New links are signed with the new key only: once the previous key is dropped they still verify.
        Assert.True(Links().Verify(TokenOf(rotated.Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1)))).Valid);
    }

    [Theory]
    [InlineData("https://example.com/imports", "https://example.com/imports/review/")]
    [InlineData("https://example.com/imports/", "https://example.com/imports/review/")]
    [InlineData("http://127.0.0.1:8080/a/b", "http://127.0.0.1:8080/a/b/review/")]
    [InlineData("https://example.com", "https://example.com/review/")]
    public void A_base_url_path_prefix_is_kept(string baseUrl, string expectedPrefix)
    {
        var link = Links(baseUrl).Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1));

        Assert.StartsWith(expectedPrefix, link.Url.ToString());
        Assert.True(Links(baseUrl).Verify(link.Url.ToString()[expectedPrefix.Length..]).Valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData(".sig")]
    [InlineData("payload.")]
    [InlineData("e30.!!!")]
    public void Junk_is_invalid_without_throwing(string token) =>
        Assert.Equal(ReviewTokenFailure.Invalid, Links().Verify(token).Failure);

    [Fact]
    public void A_base_url_with_a_query_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => Links("https://example.com/app?x=1"));

        Assert.Contains("must not have a query", error.Message);
    }

    [Fact]
    public void Another_spelling_of_the_same_signature_is_invalid()
    {
        var token = TokenOf(Links().Issue("team-a", "contacts", Uid, TimeSpan.FromHours(1)));
        // 32 bytes take 43 base64 characters, the last carrying 2 spare bits: flipping one keeps the decoded bytes.
        var last = token[^1];
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var respelled = token[..^1] + alphabet[alphabet.IndexOf(last) ^ 1];

        Assert.Equal(ReviewTokenFailure.Invalid, Links().Verify(respelled).Failure);
    }
}
