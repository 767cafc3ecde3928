using System.Globalization;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace ImportOperator.TestApiServer.Http;

internal sealed partial class ApiRequestHandler
{
    /// <summary>
    /// Fault injection over HTTP, for the stand-alone server: POST /_test/close-watches, /_test/compact,
    /// /_test/fail?count=N&amp;code=500, /_test/latency?ms=N. Never subject to the faults themselves.
    /// </summary>
    async Task TestControl(HttpContext context, string path)
    {
        var query = context.Request.Query;
        static int Int(string? text, int fallback) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        switch (path)
        {
            case "/_test/close-watches": faults.CloseAllWatches(); break;
            case "/_test/compact": store.Compact(); break;
            case "/_test/fail": faults.FailNext(Int(query["count"], 1), Int(query["code"], 500)); break;
            case "/_test/latency": faults.Latency = TimeSpan.FromMilliseconds(Int(query["ms"], 0)); break;
            default: throw ApiError.NotFoundPath(path);
        }
        await WriteJson(context, 200, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" });
    }
}
