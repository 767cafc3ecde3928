using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImportOperator.Runtime.Health;

/// <summary>
/// /healthz (the process loop is alive) and /readyz (caches are filled) on a small HTTP listener, for the kubelet's
/// probes. The checks are functions so the host decides what live and ready mean.
/// </summary>
public sealed class HealthServer : IAsyncDisposable
{
    readonly HttpListener _listener = new();
    readonly Func<bool> _live;
    readonly Func<bool> _ready;
    readonly Task _loop;

    public HealthServer(string host, int port, Func<bool> live, Func<bool> ready)
    {
        _live = live;
        _ready = ready;
        Port = port == 0 ? FreePort() : port;
        _listener.Prefixes.Add($"http://{host}:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var path = context.Request.Url?.AbsolutePath ?? "/";
            bool? ok = path switch { "/healthz" or "/livez" => _live(), "/readyz" => _ready(), _ => null };
            context.Response.StatusCode = ok switch { true => 200, false => 503, null => 404 };
            var body = Encoding.UTF8.GetBytes(ok switch { true => "ok", false => "not ok", null => "not found" });
            context.Response.ContentType = "text/plain";
            try { await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false); } catch (HttpListenerException) { }
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop.ConfigureAwait(false); } catch (Exception) { }
    }
}
