using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>One request that went through the proxy: what was asked and what the client got (0: connection dropped).</summary>
public sealed record ProxiedRequest(string Method, string Key, int Status, S3FaultKind? Fault);

/// <summary>
/// An HTTP reverse proxy in front of s3rver, on 127.0.0.1 at a port picked at run time, that plays storage outages on
/// a script: "the next 3 PUTs to */results/* answer 500". The Host header is passed through unchanged, so SigV4
/// signatures (presigned URLs included) made for the proxy's address still verify at s3rver. Keys are seen as
/// "bucket/key" (path-style addressing).
/// </summary>
public sealed class FlakyS3Proxy : IAsyncDisposable
{
    static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Expect", "Host",
    };

    readonly WebApplication _app;
    readonly Uri _upstream;
    readonly HttpClient _http;
    readonly ConcurrentQueue<S3FaultRule> _rules = new();
    readonly ConcurrentQueue<S3RequestGate> _gates = new();
    readonly ConcurrentQueue<ProxiedRequest> _requests = new();

    FlakyS3Proxy(WebApplication app, Uri upstream)
    {
        _app = app;
        _upstream = upstream;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The address clients use instead of s3rver's.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<ProxiedRequest> Requests => [.. _requests];

    /// <summary>The next <paramref name="count"/> requests with this method and key pattern get <paramref name="kind"/>.</summary>
    public S3FaultRule FailNext(string method, string keyPattern, S3FaultKind kind, int count = 1, TimeSpan? stallFor = null, string? queryPattern = null)
    {
        var rule = new S3FaultRule(method, keyPattern, kind, count, stallFor, queryPattern);
        _rules.Enqueue(rule);
        return rule;
    }

    /// <summary>Holds the next matching request (or, with <paramref name="afterForwarding"/>, its answer) until released.</summary>
    public S3RequestGate HoldNext(string method, string keyPattern, bool afterForwarding = false, string? queryPattern = null)
    {
        var gate = new S3RequestGate(method, keyPattern, afterForwarding, queryPattern);
        _gates.Enqueue(gate);
        return gate;
    }

    /// <summary>Drops every rule and releases every gate: storage is healthy again.</summary>
    public void Heal()
    {
        while (_rules.TryDequeue(out _)) { }
        while (_gates.TryDequeue(out var gate)) gate.Release();
    }

    public static async Task<FlakyS3Proxy> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
            k.Limits.MinRequestBodyDataRate = null;
            k.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var proxy = new FlakyS3Proxy(app, upstream);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.BaseUri = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return proxy;
    }

    async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method.ToUpperInvariant();
        var key = Uri.UnescapeDataString(context.Request.Path.Value?.TrimStart('/') ?? "");
        var query = Uri.UnescapeDataString(context.Request.QueryString.Value?.TrimStart('?') ?? "");
        var aborted = context.RequestAborted;

        var gate = _gates.FirstOrDefault(g => g.TryCatch(method, key, query));
        if (gate is { AfterForwarding: false })
        {
            try { await gate.WaitForReleaseAsync(aborted); }
            catch (OperationCanceledException) { Record(method, key, 0, S3FaultKind.Stall); return; }
        }

        var rule = _rules.FirstOrDefault(r => r.Matches(method, key, query) && r.TryTake());
        switch (rule?.Kind)
        {
            case S3FaultKind.InternalError:
                await AnswerErrorAsync(context, 500, "InternalError", "We encountered an internal error. Please try again.");
                Record(method, key, 500, rule.Kind);
                return;
            case S3FaultKind.SlowDown:
                await AnswerErrorAsync(context, 503, "SlowDown", "Please reduce your request rate.");
                Record(method, key, 503, rule.Kind);
                return;
            case S3FaultKind.Reset:
                Record(method, key, 0, rule.Kind);
                context.Abort();
                return;
            case S3FaultKind.Stall:
                try { await Task.Delay(rule.StallFor, aborted); }
                catch (OperationCanceledException) { Record(method, key, 0, rule.Kind); return; }
                break;
        }

        using var upstream = await ForwardAsync(context, aborted);
        if (gate is { AfterForwarding: true })
        {
            try { await gate.WaitForReleaseAsync(aborted); }
            catch (OperationCanceledException) { Record(method, key, 0, S3FaultKind.Stall); return; }
        }
        if (rule?.Kind == S3FaultKind.ResetAfterForwarding)
        {
            Record(method, key, 0, rule.Kind);
            context.Abort();
            return;
        }
        await CopyAnswerAsync(upstream, context, aborted);
        Record(method, key, (int)upstream.StatusCode, rule?.Kind);
    }

    async Task<HttpResponseMessage> ForwardAsync(HttpContext context, CancellationToken aborted)
    {
        var incoming = context.Request;
        var target = new Uri(_upstream, incoming.Path.Value + incoming.QueryString.Value);
        using var outgoing = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        var hasBody = incoming.ContentLength > 0 || incoming.Headers.ContainsKey("Transfer-Encoding");
        if (hasBody) outgoing.Content = new StreamContent(incoming.Body);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHopHeaders.Contains(name)) continue;
            if (!outgoing.Headers.TryAddWithoutValidation(name, values.ToArray()) && outgoing.Content is not null)
                outgoing.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        // The signature covers the host the client addressed (this proxy), so storage must see that host.
        outgoing.Headers.Host = incoming.Host.Value;
        return await _http.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, aborted);
    }

    static async Task CopyAnswerAsync(HttpResponseMessage upstream, HttpContext context, CancellationToken aborted)
    {
        context.Response.StatusCode = (int)upstream.StatusCode;
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
            if (!HopByHopHeaders.Contains(name)) context.Response.Headers[name] = values.ToArray();
        if (context.Request.Method == HttpMethods.Head) return;
        await using var body = await upstream.Content.ReadAsStreamAsync(aborted);
        await body.CopyToAsync(context.Response.Body, aborted);
    }

    static Task AnswerErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>flaky-proxy</RequestId></Error>";
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body)).AsTask();
    }

    void Record(string method, string key, int status, S3FaultKind? fault) => _requests.Enqueue(new ProxiedRequest(method, key, status, fault));

    public async ValueTask DisposeAsync()
    {
        Heal();
        await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
