using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using ImportOperator.Storage;

namespace ImportOperator.Tests.Storage;

[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreTests(S3rverFixture s3rver) : IDisposable
{
    private readonly string _bucket = S3rverFixture.NewBucketName();
    private IAmazonS3? _client;

    private IAmazonS3 Client => _client ??= s3rver.CreateClient(_bucket);

    private S3ObjectStore NewStore() => new(Client, s3rver.Options(_bucket));

    public void Dispose() => _client?.Dispose();

    [Fact]
    public async Task Ensuring_the_bucket_twice_and_concurrently_creates_it_once()
    {
        await NewStore().EnsureBucketAsync();
        await NewStore().EnsureBucketAsync();
        // Separate stores stand for separate operator replicas racing at start-up.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NewStore().EnsureBucketAsync()));

        var buckets = await Client.ListBucketsAsync();
        Assert.Single(buckets.Buckets!, b => b.BucketName == _bucket);
    }

    [Fact]
    public async Task A_stream_larger_than_one_part_round_trips_through_a_multipart_upload()
    {
        var wire = new RecordingHttpClientFactory();
        using var client = s3rver.CreateClient(_bucket, config => config.HttpClientFactory = wire);
        var store = new S3ObjectStore(client, s3rver.Options(_bucket));
        await store.EnsureBucketAsync();
        const long length = 11L * 1024 * 1024 + 12345; // three parts of 5 MiB, the last one short
        var key = ImportObjectKeys.For("ns", "big", "uid-1", "big.csv").Input;

        await store.PutAsync(key, new DeterministicStream(length), "text/csv");

        Assert.Equal(length, await store.GetSizeAsync(key));
        await using (var read = await store.GetAsync(key))
            Assert.Equal(DeterministicStream.Sha256Of(length), await SHA256.HashDataAsync(read));
        var requests = wire.Requests.ToArray();
        var objectPath = $"/{_bucket}/{key}";
        Assert.Single(requests, r => r == $"POST {objectPath}?uploads");
        Assert.Equal(3, requests.Count(r => r.StartsWith($"PUT {objectPath}?", StringComparison.Ordinal) && r.Contains("partNumber=")));
        Assert.Single(requests, r => r.StartsWith($"POST {objectPath}?uploadId=", StringComparison.Ordinal));
        Assert.DoesNotContain($"PUT {objectPath}", requests);
        var head = await client.GetObjectMetadataAsync(_bucket, key);
        Assert.Equal("text/csv", head.Headers.ContentType);
    }

    [Fact]
    public async Task A_small_stream_is_stored_in_one_put_and_read_back()
    {
        var wire = new RecordingHttpClientFactory();
        using var client = s3rver.CreateClient(_bucket, config => config.HttpClientFactory = wire);
        var store = new S3ObjectStore(client, s3rver.Options(_bucket));
        await store.EnsureBucketAsync();
        var key = ImportObjectKeys.For("ns", "small", "uid-1", "small.csv").Input;

        await store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")));

        Assert.Equal([$"PUT /{_bucket}/{key}"], wire.Requests.Where(r => r.Contains("/small/", StringComparison.Ordinal)));

        await using var read = await store.GetAsync(key);
        Assert.Equal("a,b\n1,2\n", await new StreamReader(read).ReadToEndAsync());
    }

    [Fact]
    public async Task Missing_objects_are_reported_as_absent()
    {
        var store = NewStore();
        await store.EnsureBucketAsync();

        Assert.Null(await store.GetSizeAsync("ns/none/uid/input/x.csv"));
        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync("ns/none/uid/input/x.csv"));
        Assert.Equal("ns/none/uid/input/x.csv", error.Key);
    }

    [Fact]
    public async Task Listing_pages_through_every_key_under_a_prefix_only()
    {
        var store = NewStore();
        await store.EnsureBucketAsync();
        // More than one page: s3rver, like S3, returns at most 1000 keys per page.
        const int count = 1005;
        var puts = Enumerable.Range(0, count).Select(i => store.PutAsync($"ns/many/uid/input/{i:D5}.csv", new MemoryStream([1, 2, 3])));
        await RunThrottledAsync(puts);
        await store.PutAsync("ns/many-other/uid/input/x.csv", new MemoryStream([1]));

        var listed = new List<StoredObject>();
        await foreach (var item in store.ListAsync("ns/many/")) listed.Add(item);

        Assert.Equal(count, listed.Count);
        Assert.All(listed, item => Assert.Equal(3, item.Size));
        Assert.DoesNotContain(listed, item => item.Key.StartsWith("ns/many-other/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_an_imports_prefix_removes_all_of_it_and_nothing_of_a_same_named_import_elsewhere()
    {
        var store = NewStore();
        await store.EnsureBucketAsync();
        var mine = ImportObjectKeys.For("team-a", "orders", "uid-a", "orders.csv");
        var theirs = ImportObjectKeys.For("team-b", "orders", "uid-b", "orders.csv");
        foreach (var keys in new[] { mine, theirs })
            foreach (var key in new[] { keys.Input, keys.Data, keys.Metadata, keys.Summary })
                await store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(key)));

        var deleted = await store.DeletePrefixAsync(mine.Prefix);

        Assert.Equal(4, deleted);
        Assert.Empty(await ListAllAsync(store, mine.Prefix));
        string[] expected = [theirs.Input, theirs.Data, theirs.Metadata, theirs.Summary];
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await ListAllAsync(store, "team-b/")).Order(StringComparer.Ordinal));
        Assert.Equal(0, await store.DeletePrefixAsync(mine.Prefix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("team-a/orders")]
    public async Task Deleting_under_an_open_ended_prefix_is_refused(string prefix)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => NewStore().DeletePrefixAsync(prefix));
        Assert.Contains("must be non-empty and end with '/'", error.Message);
    }

    [Fact]
    public async Task A_retried_commit_leaves_only_the_latest_attempts_results_with_the_summary_written_last()
    {
        var store = NewStore();
        await store.EnsureBucketAsync();
        var committer = new ResultsCommitter(store);
        var keys = ImportObjectKeys.For("ns", "imp", "uid", "f.csv");

        Assert.Null(await committer.TryOpenSummaryAsync(keys));
        await committer.CommitAsync(keys, Json("data-1"), Json("meta-1"), Json("summary-1"));
        await committer.CommitAsync(keys, Json("data-2"), Json("meta-2"), Json("summary-2"));

        await using var summary = await committer.TryOpenSummaryAsync(keys);
        Assert.Equal("summary-2", await new StreamReader(summary!).ReadToEndAsync());
        await using var data = await store.GetAsync(keys.Data);
        Assert.Equal("data-2", await new StreamReader(data).ReadToEndAsync());
        var summaryHead = await Client.GetObjectMetadataAsync(_bucket, keys.Summary);
        var dataHead = await Client.GetObjectMetadataAsync(_bucket, keys.Data);
        Assert.True(summaryHead.LastModified >= dataHead.LastModified);
    }

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<List<string>> ListAllAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in store.ListAsync(prefix)) keys.Add(item.Key);
        return keys;
    }

    private static async Task RunThrottledAsync(IEnumerable<Task> tasks)
    {
        // Lazily started tasks in groups, so s3rver is not flooded with a thousand sockets at once.
        foreach (var chunk in tasks.Chunk(50)) await Task.WhenAll(chunk);
    }
}
