using System.Net;
using System.Net.Sockets;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.Telemetry;

/// <summary>
/// The one-machine system of <see cref="OperatorEnvironment"/> (test API server with the local Job runner, s3rver,
/// the real operator process whose Jobs run the real worker process), with telemetry switched on the way a cluster
/// would: the standard OTEL_* variables in the operator's environment pointing at an <see cref="OtlpReceiver"/>,
/// and /metrics on a known port. The Jobs get their OTEL_* variables and TRACEPARENT from the operator only.
/// </summary>
public sealed class TelemetryEnvironment : OperatorEnvironment
{
    public OtlpReceiver Receiver { get; } = new();
    public override int MetricsPort { get; } = FreePort();

    protected override IEnumerable<string> ExtraOperatorArguments => ["--log-format", "json"];

    protected override IReadOnlyDictionary<string, string> ExtraOperatorEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    /// <summary>As the base, with more time: exporters and a whole import under telemetry take a little longer.</summary>
    public new Task<HeadlessImport> WaitAsync(string ns, string name, Func<HeadlessImport, bool> condition, string description, TimeSpan? timeout = null) =>
        base.WaitAsync(ns, name, condition, description, timeout ?? TimeSpan.FromSeconds(120));

    /// <summary>Waits until <paramref name="find"/> finds something in what was received (exporters send in batches).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T?> find, string description, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Never received: {description}");
    }

    public static Task<T> EventuallyAsync<T>(Func<Task<T?>> find, string description, TimeSpan? timeout = null) where T : class =>
        EventuallyCoreAsync(find, description, timeout);

    static async Task<T> EventuallyCoreAsync<T>(Func<Task<T?>> find, string description, TimeSpan? timeout) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (await find() is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Never received: {description}");
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
