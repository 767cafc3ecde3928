using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Tests.Notifications;

/// <summary>One request as the receiver saw it: the raw body bytes are what a real receiver verifies.</summary>
public sealed record ReceivedWebhook(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 at a port picked at run time (Kestrel), recording every request and answering
/// with <see cref="Reply"/> (200 by default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The absolute URL of <paramref name="path"/> on this receiver.</summary>
    public Uri Url(string path = "/hook") => new(BaseUri, path);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>How to answer; it sees the request after it was recorded.</summary>
    public Func<HttpContext, Task> Reply { get; set; } = _ => Task.CompletedTask;

    /// <summary>Answer with a status code (and an optional short text body).</summary>
    public void AnswerWith(int status, string? text = null) => Reply = async context =>
    {
        context.Response.StatusCode = status;
        if (text is not null) await context.Response.WriteAsync(text);
    };

    /// <summary>Never answer: hold the request until the client gives up or the receiver stops.</summary>
    public void NeverAnswer() => Reply = async context =>
    {
        try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
        catch (OperationCanceledException) { }
    };

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUri = new Uri(bound);
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedWebhook(context.Request.Method, context.Request.Path.Value ?? "", headers, body.ToArray()));
        await Reply(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
