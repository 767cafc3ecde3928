using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.Operator.Faults;

/// <summary>
/// Object storage failing under a running import (through <see cref="FlakyS3Proxy"/>, which the operator, the workers
/// and the users' presigned PUTs all go through): a user's upload that fails is simply retried; result writes that
/// fail are retried by the worker or by the Job; results are never visible half-written; deletion survives
/// failing deletes.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class StorageFaultTests(FlakyStorageEnvironment env) : IClassFixture<FlakyStorageEnvironment>
{
    [Fact]
    public async Task An_upload_cut_off_at_storage_is_retried_by_the_user_and_processed_once()
    {
        // A 500 or 503 reaches the user the same way as this reset: a failed PUT, nothing stored, to be retried.
        var (ns, invariants, waiting) = await FaultScenarios.StartAsync(env, "upload", "retried-upload");
        await using var watching = invariants;
        var rule = env.Proxy.FailNext("PUT", $"*/{ns}/*/input/*", S3FaultKind.Reset);

        var first = await TryUploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);
        Assert.NotEqual(200, first);
        Assert.Equal(1, rule.Served);
        Assert.Equal(ImportPhases.AwaitingUpload, (await env.GetAsync(ns, "retried-upload"))!.Status!.Phase);
        await OperatorEnvironment.UploadAsync(waiting.Status.Upload!, FaultScenarios.PeopleCsv);

        var finished = await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(180));
        await FaultScenarios.AssertAllPeopleImportedAsync(finished.Single());
    }

    [Fact]
    public async Task Result_writes_failing_in_every_way_are_retried_and_the_results_appear_whole()
    {
        var (ns, invariants, waiting) = await FaultScenarios.StartAsync(env, "results", "flaky-results");
        await using var watching = invariants;
        // Rules are tried in order: a file's first write meets the first fault, its retry the second.
        var results = $"*/{ns}/*/results/";
        S3FaultRule[] rules =
        [
            env.Proxy.FailNext("PUT", results + "data.json", S3FaultKind.InternalError),
            env.Proxy.FailNext("PUT", results + "data.json", S3FaultKind.Stall, stallFor: TimeSpan.FromSeconds(2)),
            env.Proxy.FailNext("PUT", results + "metadata.json", S3FaultKind.SlowDown, count: 2),
            env.Proxy.FailNext("PUT", results + "summary.json", S3FaultKind.Reset),
            env.Proxy.FailNext("PUT", results + "summary.json", S3FaultKind.ResetAfterForwarding),
        ];

        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);

        var finished = await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(180));
        await FaultScenarios.AssertAllPeopleImportedAsync(finished.Single());
        Assert.All(rules, rule => Assert.True(rule.Remaining == 0, $"{rule}; requests: {Describe(env.Proxy.Requests.Where(r => r.Key.Contains(ns, StringComparison.Ordinal)))}"));
    }

    [Fact]
    public async Task Storage_down_for_every_result_write_fails_the_import_with_no_result_visible()
    {
        var (ns, invariants, waiting) = await FaultScenarios.StartAsync(env, "outage", "outage");
        await using var watching = invariants;
        var rule = env.Proxy.FailNext("PUT", $"*/{ns}/*/results/*", S3FaultKind.InternalError, count: int.MaxValue);
        try
        {
            await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);

            var failed = (await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(240))).Single();

            Assert.Equal(ImportPhases.Failed, failed.Status!.Phase);
            Assert.Null(failed.Status.Result);
            Assert.Contains("results/", failed.Status.Message);
            Assert.True(rule.Served > 1);
            Assert.DoesNotContain(await env.StoredKeysAsync($"{ns}/"), k => k.EndsWith("/results/summary.json", StringComparison.Ordinal));
        }
        finally { env.Proxy.Heal(); }
        await FaultScenarios.DeleteAllAsync(env, invariants, ns, ["outage"]);
    }

    [Fact]
    public async Task Deleting_an_import_while_storage_refuses_deletes_still_removes_every_object()
    {
        var (ns, invariants) = await FaultScenarios.FinishedAsync(env, "delete", "doomed");
        await using var watching = invariants;
        var bulk = env.Proxy.FailNext("POST", env.Bucket + "*", S3FaultKind.SlowDown, count: 3, queryPattern: "*delete*");
        var single = env.Proxy.FailNext("DELETE", $"*/{ns}/*", S3FaultKind.InternalError, count: 3);

        await FaultScenarios.DeleteAllAsync(env, invariants, ns, ["doomed"]);
        Assert.True(bulk.Served + single.Served > 0, $"the cleanup never met the failing deletes: {Describe(env.Proxy.Requests.TakeLast(30))}");
    }

    static string Describe(IEnumerable<ProxiedRequest> requests) => string.Join("; ", requests.Select(r => $"{r.Method} {r.Key} -> {r.Status}{(r.Fault is { } f ? $" ({f})" : "")}"));

    /// <summary>The user's PUT; the status code, or 0 when the connection dropped.</summary>
    static async Task<int> TryUploadAsync(string url, byte[] content)
    {
        using var http = new HttpClient();
        try
        {
            using var response = await http.PutAsync(url, new ByteArrayContent(content));
            return (int)response.StatusCode;
        }
        catch (HttpRequestException) { return 0; }
    }
}
