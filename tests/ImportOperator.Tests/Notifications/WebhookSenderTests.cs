using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Notifications;
using ImportOperator.Tests.Review;

namespace ImportOperator.Tests.Notifications;

public sealed class WebhookSenderTests : IAsyncLifetime
{
    private static readonly byte[] KeyBytes = Encoding.UTF8.GetBytes("whsec-test-key-0123456789");
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 18, 0, 8, TimeSpan.Zero);

    private readonly HttpClient _http = WebhookSender.CreateHttpClient(TimeSpan.FromSeconds(30));
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    private WebhookSender Sender(TimeProvider? time = null, TimeSpan? timeout = null) =>
        new(_http, WebhookSigningKey.FromBytes(KeyBytes), time ?? new ManualTimeProvider(Now))
        {
            AttemptTimeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    private Task<WebhookDelivery> Send(WebhookSender sender, Uri? url = null, HeadlessImport? import = null,
        string eventName = WebhookEvents.ImportCompleted) =>
        sender.SendAsync(url ?? _receiver.Url(), eventName, import ?? SampleImports.Successful(), SampleImports.Settings(), CancellationToken.None);

    [Fact]
    public async Task Delivers_the_import_as_documented_with_its_headers()
    {
        var delivery = await Send(Sender());

        Assert.Equal(new WebhookDelivery(true, false, 200, null), delivery);
        var request = Assert.Single(_receiver.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal(WebhookEvents.ImportCompleted, request.Header(WebhookHeaders.Event));
        Assert.Equal(SampleImports.Uid + ":import_completed", request.Header(WebhookHeaders.Delivery));
        Assert.StartsWith("import-operator/", request.Header("User-Agent"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(SampleImports.Uid + ":import_completed", root.GetProperty("id").GetString());
        Assert.Equal("import_completed", root.GetProperty("event").GetString());
        Assert.Equal("2026-11-28T18:00:08Z", root.GetProperty("createdAt").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(SampleImports.Uid, data.GetProperty("id").GetString());
        Assert.Equal("contacts", data.GetProperty("name").GetString());
        Assert.Equal("team-a", data.GetProperty("namespace").GetString());
        Assert.Equal("contacts-import", data.GetProperty("importIdentifier").GetString());
        Assert.Equal("SUCCESSFUL", data.GetProperty("phase").GetString());
        Assert.Equal("Completed", data.GetProperty("reason").GetString());
        Assert.Equal("433 rows imported.", data.GetProperty("message").GetString());
        Assert.Equal("contacts.csv", data.GetProperty("originalFilename").GetString());
        Assert.Equal(433, data.GetProperty("resultMetadata").GetProperty("numDataRows").GetInt64());
        Assert.Equal(3, data.GetProperty("resultMetadata").GetProperty("numInvalidRows").GetInt64());
        Assert.Equal("user-123", data.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("jclark@acme.com", data.GetProperty("user").GetProperty("email").GetString());
        Assert.True(data.GetProperty("developmentMode").GetBoolean());
        Assert.Equal("2026-11-28T18:00:00Z", data.GetProperty("startTime").GetString());
        Assert.Equal("2026-11-28T18:00:07.25Z", data.GetProperty("completionTime").GetString());
        Assert.Equal(1, data.GetProperty("importErrorCount").GetInt32());
    }

    [Fact]
    public async Task The_payload_carries_no_url_hook_or_schema()
    {
        await Send(Sender());

        var body = Encoding.UTF8.GetString(Assert.Single(_receiver.Received).Body);
        Assert.DoesNotContain("http", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3://", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fetch", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var keys = json.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var leaked in new[] { "upload", "reviewUrl", "result", "hooks", "fields", "settings", "webhookUrl", "importErrors" })
            Assert.DoesNotContain(leaked, keys);
    }

    [Fact]
    public async Task The_signature_verifies_with_the_key_and_not_with_another_key_or_a_changed_body()
    {
        await Send(Sender());
        var request = Assert.Single(_receiver.Received);
        var header = request.Header(WebhookHeaders.Signature);

        Assert.NotNull(header);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        Assert.StartsWith($"t={Now.ToUnixTimeSeconds()},", header);
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(header, request.Body, KeyBytes, Now.AddSeconds(3)));

        var otherKey = Encoding.UTF8.GetBytes("another-key-of-enough-length");
        Assert.Equal(WebhookSignatureCheck.Mismatch, WebhookSignature.Verify(header, request.Body, otherKey, Now));

        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.Body).Replace("433", "434"));
        Assert.Equal(WebhookSignatureCheck.Mismatch, WebhookSignature.Verify(header, changed, KeyBytes, Now));

        // The same signature replayed an hour later is refused even though it matches.
        Assert.Equal(WebhookSignatureCheck.OutsideTolerance, WebhookSignature.Verify(header, request.Body, KeyBytes, Now.AddHours(1)));
    }

    [Fact]
    public async Task Without_a_key_no_signature_header_is_sent()
    {
        var unsigned = new WebhookSender(_http, key: null, new ManualTimeProvider(Now));

        var delivery = await Send(unsigned);

        Assert.True(delivery.Delivered);
        Assert.Null(Assert.Single(_receiver.Received).Header(WebhookHeaders.Signature));
    }

    [Fact]
    public async Task The_delivery_id_is_the_same_on_every_attempt_of_one_event()
    {
        var clock = new ManualTimeProvider(Now);
        var sender = Sender(clock);
        _receiver.AnswerWith(503);
        await Send(sender);
        clock.Advance(TimeSpan.FromMinutes(5));
        _receiver.AnswerWith(200);
        await Send(sender);
        await Send(sender, eventName: WebhookEvents.Failed);

        var ids = _receiver.Received.Select(r => r.Header(WebhookHeaders.Delivery)).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        var signatures = _receiver.Received.Select(r => r.Header(WebhookHeaders.Signature)).ToList();
        Assert.NotEqual(signatures[0], signatures[1]); // a fresh timestamp per attempt
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(425, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(410, false)]
    [InlineData(302, false)]
    public async Task A_refusal_is_retryable_only_when_the_receiver_may_recover(int status, bool retryable)
    {
        _receiver.AnswerWith(status, "receiver says no");

        var delivery = await Send(Sender());

        Assert.False(delivery.Delivered);
        Assert.Equal(retryable, delivery.Retryable);
        Assert.Equal(status, delivery.StatusCode);
        Assert.Contains($"answered {status}", delivery.Error);
        Assert.Contains("receiver says no", delivery.Error);
    }

    [Fact]
    public async Task An_error_names_the_host_but_not_the_path_or_query_that_may_hold_a_token()
    {
        _receiver.AnswerWith(404);

        var delivery = await Send(Sender(), new Uri(_receiver.BaseUri, "/hooks/abc?token=very-secret"));

        Assert.Contains(_receiver.BaseUri.Authority, delivery.Error);
        Assert.DoesNotContain("very-secret", delivery.Error);
        Assert.DoesNotContain("/hooks/abc", delivery.Error);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_a_retryable_timeout()
    {
        _receiver.NeverAnswer();

        var delivery = await Send(Sender(timeout: TimeSpan.FromMilliseconds(300)));

        Assert.False(delivery.Delivered);
        Assert.True(delivery.Retryable);
        Assert.Null(delivery.StatusCode);
        Assert.Contains("did not answer within 0.3 s", delivery.Error);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        var closedPort = new TcpListener(IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();

        var delivery = await Send(Sender(), new Uri($"http://127.0.0.1:{port}/hook"));

        Assert.False(delivery.Delivered);
        Assert.True(delivery.Retryable);
        Assert.Contains($"could not reach 127.0.0.1:{port}", delivery.Error);
    }

    [Theory]
    [InlineData("ftp://files.example.com/hook")]
    [InlineData("file:///etc/passwd")]
    public async Task Only_http_and_https_urls_are_called(string url)
    {
        var delivery = await Send(Sender(), new Uri(url));

        Assert.False(delivery.Delivered);
        Assert.False(delivery.Retryable);
        Assert.Contains("only http and https", delivery.Error);
        Assert.Empty(_receiver.Received);
    }

    [Theory]
    [InlineData("not a url?token=very-secret")]
    [InlineData("hooks.example.com/hook?token=very-secret")]
    public async Task A_url_from_settings_that_does_not_parse_is_permanent_and_not_repeated(string url)
    {
        var delivery = await Sender().SendAsync(url, WebhookEvents.Failed, SampleImports.Successful(), SampleImports.Settings(), CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.False(delivery.Retryable);
        Assert.Contains("not an absolute URL", delivery.Error);
        Assert.DoesNotContain("very-secret", delivery.Error);
    }

    [Fact]
    public async Task A_url_from_settings_is_delivered_to()
    {
        var delivery = await Sender().SendAsync(_receiver.Url().ToString(), WebhookEvents.Failed, SampleImports.Successful(), SampleImports.Settings(), CancellationToken.None);

        Assert.True(delivery.Delivered);
        Assert.Equal("headless_import_failed", Assert.Single(_receiver.Received).Header(WebhookHeaders.Event));
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed()
    {
        // localhost and 127.0.0.1 reach the same socket but are different hosts by name: the rule is about names.
        var elsewhere = new UriBuilder(_receiver.Url("/stolen")) { Host = "localhost" }.Uri;
        _receiver.Reply = context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = elsewhere.ToString();
            return Task.CompletedTask;
        };

        var delivery = await Send(Sender());

        Assert.False(delivery.Delivered);
        Assert.False(delivery.Retryable);
        Assert.Contains("another host", delivery.Error);
        Assert.DoesNotContain(_receiver.Received, r => r.Path == "/stolen");
    }

    [Fact]
    public async Task A_same_host_307_redirect_is_followed_with_the_same_signed_body()
    {
        _receiver.Reply = context =>
        {
            if (context.Request.Path == "/hook")
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = "/moved";
            }
            return Task.CompletedTask;
        };

        var delivery = await Send(Sender());

        Assert.True(delivery.Delivered);
        var moved = Assert.Single(_receiver.Received, r => r.Path == "/moved");
        Assert.Equal("POST", moved.Method);
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(moved.Header(WebhookHeaders.Signature), moved.Body, KeyBytes, Now));
    }

    [Fact]
    public async Task A_needs_review_event_reports_the_needs_review_phase()
    {
        var import = SampleImports.Successful();
        import.Status!.Phase = ImportPhases.NeedsReview;
        import.Status.CompletionTime = null;

        await Send(Sender(), import: import, eventName: WebhookEvents.NeedsReview);

        using var json = JsonDocument.Parse(Assert.Single(_receiver.Received).Body);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("headless_import_needs_review", json.RootElement.GetProperty("event").GetString());
        Assert.Equal("NEEDS_REVIEW", data.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("completionTime").ValueKind);
    }

    [Fact]
    public async Task Cancelling_the_caller_token_stops_the_attempt_with_an_exception()
    {
        _receiver.NeverAnswer();
        using var cts = new CancellationTokenSource();
        var sending = Sender().SendAsync(_receiver.Url(), WebhookEvents.Failed, SampleImports.Successful(), SampleImports.Settings(), cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }
}
