using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ImportOperator.Tests.Telemetry;

/// <summary>A span as an OTLP exporter sent it.</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One data point of a sum (counter) as an OTLP exporter sent it.</summary>
public sealed record ReceivedSum(string Service, string Name, double Value, IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> Resource);

/// <summary>
/// An OTLP/HTTP (protobuf) collector for tests: accepts POST /v1/traces and /v1/metrics from the operator and worker
/// processes and keeps the spans and sum data points they sent, decoded with <see cref="ProtoWire"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    readonly HttpListener _listener = new();
    readonly Task _loop;
    readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    readonly ConcurrentQueue<ReceivedSum> _sums = new();

    public OtlpReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];
    public IReadOnlyList<ReceivedSum> Sums => [.. _sums];

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url?.AbsolutePath;
            try
            {
                if (path == "/v1/traces") ReadTraces(body.ToArray());
                else if (path == "/v1/metrics") ReadMetrics(body.ToArray());
                context.Response.StatusCode = path is "/v1/traces" or "/v1/metrics" ? 200 : 404;
            }
            catch (Exception)
            {
                context.Response.StatusCode = 400;
            }
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest{1: ResourceSpans{1: Resource, 2: ScopeSpans{2: Span}}}
    void ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in ProtoWire.Read(request).Where(f => f.Number == 1))
        {
            var service = ServiceOf(resourceSpans);
            foreach (var scopeSpans in resourceSpans.Message.Where(f => f.Number == 2))
                foreach (var span in scopeSpans.Message.Where(f => f.Number == 2))
                {
                    string traceId = "", spanId = "", parent = "", name = "";
                    var attributes = new Dictionary<string, string>();
                    foreach (var field in span.Message)
                    {
                        switch (field.Number)
                        {
                            case 1: traceId = field.Hex; break;
                            case 2: spanId = field.Hex; break;
                            case 4: parent = field.Hex; break;
                            case 5: name = field.Text; break;
                            case 9: AddAttribute(attributes, field); break;
                        }
                    }
                    _spans.Enqueue(new ReceivedSpan(service, traceId, spanId, parent, name, attributes));
                }
        }
    }

    // ExportMetricsServiceRequest{1: ResourceMetrics{1: Resource, 2: ScopeMetrics{2: Metric{1: name, 7: Sum{1: NumberDataPoint}}}}}
    void ReadMetrics(byte[] request)
    {
        foreach (var resourceMetrics in ProtoWire.Read(request).Where(f => f.Number == 1))
        {
            var resource = ResourceOf(resourceMetrics);
            var service = resource.GetValueOrDefault("service.name", "");
            foreach (var scopeMetrics in resourceMetrics.Message.Where(f => f.Number == 2))
                foreach (var metric in scopeMetrics.Message.Where(f => f.Number == 2))
                {
                    var name = metric.Message.FirstOrDefault(f => f.Number == 1).Text;
                    foreach (var sum in metric.Message.Where(f => f.Number == 7))
                        foreach (var point in sum.Message.Where(f => f.Number == 1))
                        {
                            double value = 0;
                            var attributes = new Dictionary<string, string>();
                            foreach (var field in point.Message)
                            {
                                if (field.Number == 4) value = field.AsDouble;
                                else if (field.Number == 6) value = field.AsInt64;
                                else if (field.Number == 7) AddAttribute(attributes, field);
                            }
                            _sums.Enqueue(new ReceivedSum(service, name, value, attributes, resource));
                        }
                }
        }
    }

    static string ServiceOf(ProtoWire.Field resourceSignal) => ResourceOf(resourceSignal).GetValueOrDefault("service.name", "");

    static Dictionary<string, string> ResourceOf(ProtoWire.Field resourceSignal)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var resource in resourceSignal.Message.Where(f => f.Number == 1))
            foreach (var attribute in resource.Message.Where(f => f.Number == 1)) AddAttribute(attributes, attribute);
        return attributes;
    }

    // KeyValue{1: key, 2: AnyValue{1: string, 2: bool, 3: int, 4: double}}
    static void AddAttribute(Dictionary<string, string> attributes, ProtoWire.Field keyValue)
    {
        string key = "", value = "";
        foreach (var field in keyValue.Message)
        {
            if (field.Number == 1) key = field.Text;
            else if (field.Number == 2)
                foreach (var any in field.Message)
                    value = any.Number switch
                    {
                        1 => any.Text,
                        2 => any.Scalar != 0 ? "true" : "false",
                        3 => any.AsInt64.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        4 => any.AsDouble.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => value,
                    };
        }
        attributes[key] = value;
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (Exception) { }
    }
}
