using System.Collections.Concurrent;
using Amazon.Runtime;

namespace ImportOperator.Tests.Storage;

/// <summary>Gives the S3 client an HTTP client that records each request's verb, path and query, to see what went over the wire.</summary>
internal sealed class RecordingHttpClientFactory : HttpClientFactory
{
    public ConcurrentQueue<string> Requests { get; } = new();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new RecordingHandler(Requests));

    private sealed class RecordingHandler(ConcurrentQueue<string> requests) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}{request.RequestUri.Query}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
