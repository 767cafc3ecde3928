using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImportOperator.Tests.ReviewApp.Support;

/// <summary>What a browser does with a review link, over plain HTTP: keeps cookies, reads the page's CSRF token.</summary>
public sealed partial class ReviewBrowser(string pageUrl) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true });

    public string PageUrl { get; } = pageUrl;
    public string? Csrf { get; private set; }

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> OpenAsync()
    {
        var response = await _http.GetAsync(PageUrl);
        var html = await response.Content.ReadAsStringAsync();
        var match = CsrfMeta().Match(html);
        if (match.Success) Csrf = match.Groups[1].Value;
        return (response.StatusCode, html, response);
    }

    public async Task<JsonElement> RowsAsync(bool errorsOnly = false, int start = 0)
    {
        var response = await _http.GetAsync($"{PageUrl}/api/rows?start={start}&size=25{(errorsOnly ? "&errors=1" : "")}");
        Assert.True(response.IsSuccessStatusCode, $"rows answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, bool withCsrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PageUrl + path) { Content = JsonContent.Create(body) };
        if (withCsrf && Csrf is not null) request.Headers.Add("X-Review-Csrf", Csrf);
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(PageUrl + path, new FormUrlEncodedContent(fields.Append(new("_csrf", Csrf ?? ""))));

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(PageUrl + path);

    [GeneratedRegex("<meta name=\"review-csrf\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();

    public void Dispose() => _http.Dispose();
}
