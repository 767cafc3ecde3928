using System.Globalization;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace ImportOperator.TestApiServer.Http;

internal sealed partial class ApiRequestHandler
{
    /// <summary>
    /// A watch stream: newline-delimited events, bookmarks while idle, ended by timeoutSeconds, by the client, or by
    /// injected faults. A resourceVersion older than the history window yields one ERROR event with a 410 Status.
    /// </summary>
    async Task WatchAsync(HttpContext context, RequestTarget target, string? singleName)
    {
        var query = context.Request.Query;
        var fieldText = query["fieldSelector"].ToString();
        if (singleName is not null) fieldText = string.IsNullOrEmpty(fieldText) ? $"metadata.name={singleName}" : $"{fieldText},metadata.name={singleName}";
        var labels = Selector.ParseLabels(query["labelSelector"]);
        var fields = Selector.ParseFields(fieldText);
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(30);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        // Taken before registering, so a kill can never slip between registration and this stream's token.
        var kill = faults.WatchKillToken;
        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(target.Type, target.Namespace, labels, fields, query["resourceVersion"]);
        }
        catch (ApiError e) when (e.Code == 410)
        {
            // The real server answers 200 and reports expiry as an ERROR event in the stream.
            await context.Response.WriteAsync(ObjectStore.EncodeEvent("ERROR", e.ToStatus()), context.RequestAborted);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, kill);
        stop.CancelAfter(timeout);
        try
        {
            await context.Response.Body.FlushAsync(stop.Token);
            var reader = subscription.Lines.Reader;
            while (!stop.IsCancellationRequested)
            {
                while (reader.TryRead(out var line)) await context.Response.WriteAsync(line, stop.Token);
                await context.Response.Body.FlushAsync(stop.Token);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(options.BookmarkInterval);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token)) break;
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    if (bookmarks && store.BookmarkIfIdle(subscription) is { } bookmark)
                        await context.Response.WriteAsync(bookmark, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            store.Unwatch(subscription);
            // An injected kill drops the connection mid-stream, as a crashed API server or proxy would.
            if (kill.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested) context.Abort();
        }
    }
}
