using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class EmailUrlDomainTypeTests
{
    [Theory]
    [InlineData("jane@example.com", "jane@example.com")]
    [InlineData("  Jane.Doe+tag@Example.co.uk ", "Jane.Doe+tag@Example.co.uk")]
    [InlineData("o'brien@mail.example.ie", "o'brien@mail.example.ie")]
    [InlineData("user_1@sub-domain.example.io", "user_1@sub-domain.example.io")]
    [InlineData("josé@exämple.de", "josé@exämple.de")]
    public void Email_accepts_addresses_and_trims_them(string text, string expected) => Parser("email").AssertParses(text, expected);

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("jane@")]
    [InlineData("jane@@example.com")]
    [InlineData("jane@doe@example.com")]
    [InlineData("jane@localhost")]
    [InlineData("jane doe@example.com")]
    [InlineData("jane@exa mple.com")]
    [InlineData(".jane@example.com")]
    [InlineData("jane.@example.com")]
    [InlineData("ja..ne@example.com")]
    [InlineData("jane@example..com")]
    [InlineData("jane@-example.com")]
    [InlineData("jane@example.c")]
    [InlineData("jane@example.123")]
    [InlineData("Jane <jane@example.com>")]
    public void Email_rejects_malformed_addresses(string text)
    {
        var error = Parser("email").AssertRejects(text);
        Assert.Contains("is not a valid email address", error);
    }

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("http://example.com/path?q=1#top")]
    [InlineData("HTTPS://Example.com:8443/a/b")]
    [InlineData("https://user:pw@example.com/")]
    [InlineData("http://localhost:8080/health")]
    [InlineData("http://10.0.0.1/status")]
    [InlineData("http://[2001:db8::1]:8080/")]
    [InlineData("example.com/x")]
    [InlineData("www.example.com")]
    [InlineData("example.com:8080/x?y=z")]
    public void Url_accepts_http_urls_and_bare_domains_as_written(string text) => Parser("url").AssertParses(text, text);

    [Fact]
    public void Url_is_trimmed() => Parser("url").AssertParses("  https://example.com/a  ", "https://example.com/a");

    [Theory]
    [InlineData("example")]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:jane@example.com")]
    [InlineData("jane@example.com")]
    [InlineData("https://exa mple.com")]
    [InlineData("https://")]
    [InlineData("http://example.com:99999/")]
    [InlineData("http://example.com:/")]
    [InlineData("localhost:8080")]
    [InlineData("not a url")]
    public void Url_rejects_other_text(string text) => Assert.Contains("is not a valid URL", Parser("url").AssertRejects(text));

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("  Example.COM ", "example.com")]
    [InlineData("mail.example.com", "mail.example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("bücher.de", "bücher.de")]
    [InlineData("my-site.co.uk", "my-site.co.uk")]
    public void Domain_accepts_host_names_and_lower_cases_them(string text, string expected) =>
        Parser("domain").AssertParses(text, expected);

    [Theory]
    [InlineData("localhost")]
    [InlineData("https://example.com")]
    [InlineData("example.com/path")]
    [InlineData("example.com:80")]
    [InlineData("-example.com")]
    [InlineData("exa_mple.com")]
    [InlineData("example..com")]
    [InlineData("10.0.0.1")]
    [InlineData("jane@example.com")]
    public void Domain_rejects_what_is_not_a_host_name(string text) => Assert.Contains("is not a valid domain", Parser("domain").AssertRejects(text));

    [Theory]
    [InlineData("example.com")]
    [InlineData("EXAMPLE.com")]
    [InlineData("example.co.uk")]
    [InlineData("example.com.au")]
    [InlineData("example.co.jp")]
    public void Domain_without_subdomains_accepts_registrable_domains(string text) =>
        Parser("domain", new TypeOptions { AllowSubdomains = false }).AssertParses(text, text.ToLowerInvariant());

    [Theory]
    [InlineData("mail.example.com")]
    [InlineData("www.example.co.uk")]
    [InlineData("a.b.example.org")]
    public void Domain_without_subdomains_rejects_subdomains(string text)
    {
        var error = Parser("domain", new TypeOptions { AllowSubdomains = false }).AssertRejects(text);
        Assert.Equal($"'{text}' is a subdomain; only a domain such as 'example.com' is allowed.", error);
    }
}
