using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Telemetry;

/// <summary>
/// How the operator logs: <c>json</c> (one JSON object per line, scopes as fields — what log collectors parse) or
/// <c>text</c> (one readable line). <c>auto</c> picks json inside a cluster (KUBERNETES_SERVICE_HOST is set) and
/// text elsewhere. Either way every line carries the trace and span id of the reconcile that wrote it.
/// </summary>
public static class LogFormats
{
    public const string Auto = "auto";
    public const string Json = "json";
    public const string Text = "text";

    public static bool IsValid(string? format) => format is null or "" or Auto or Json or Text;

    /// <summary>json or text, resolving auto from the environment.</summary>
    public static string Resolve(string? format, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return format is Json or Text ? format
            : string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")) ? Text : Json;
    }

    public static ILoggerFactory CreateLoggerFactory(string? format, LogLevel minimum = LogLevel.Information) => LoggerFactory.Create(logging =>
    {
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (Resolve(format) == Json)
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        else
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.IncludeScopes = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
                console.UseUtcTimestamp = true;
            });
        logging.SetMinimumLevel(minimum);
    });

    /// <summary>The ids of the span current on this thread, for log lines written by hand (the worker's).</summary>
    public static (string? TraceId, string? SpanId) CurrentSpan() =>
        Activity.Current is { } a ? (a.TraceId.ToHexString(), a.SpanId.ToHexString()) : (null, null);
}
