using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>One POST the receiver got.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A webhook receiver on 127.0.0.1 (port picked at run time) that records every request. A path can be told to
/// answer with a failure status a number of times first, to exercise the operator's retries.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    readonly ConcurrentDictionary<string, (int Status, int Remaining)> _failures = new();

    WebhookReceiver(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public string UrlFor(string path) => new Uri(BaseUri, path).ToString();

    /// <summary>The next <paramref name="times"/> requests to <paramref name="path"/> get <paramref name="status"/>.</summary>
    public void FailNext(string path, int status, int times) => _failures[path] = (status, times);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Path.Value ?? "/";
            receiver!._received.Enqueue(new ReceivedWebhook(path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            if (receiver._failures.TryGetValue(path, out var failure) && failure.Remaining > 0)
            {
                receiver._failures[path] = (failure.Status, failure.Remaining - 1);
                context.Response.StatusCode = failure.Status;
                return;
            }
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
