using System.Runtime.CompilerServices;
using System.Text;
using Amazon.S3;
using ImportOperator.Storage;

namespace ImportOperator.Tests.Storage;

[Collection(S3rverCollection.Name)]
public sealed class UploadScannerTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly string _bucket = S3rverFixture.NewBucketName();
    private IAmazonS3 _client = null!;
    private CountingStore _store = null!;

    public async Task InitializeAsync()
    {
        _client = s3rver.CreateClient(_bucket);
        _store = new CountingStore(new S3ObjectStore(_client, s3rver.Options(_bucket)));
        await _store.EnsureBucketAsync();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task One_listing_per_namespace_finds_every_arrived_file_with_its_size()
    {
        // Twenty imports wait in one namespace; three have their file; one is waiting in another namespace.
        var waiting = Enumerable.Range(0, 20).Select(i => ImportObjectKeys.For("team-a", $"imp-{i}", $"uid-{i}", "data.csv")).ToList();
        var other = ImportObjectKeys.For("team-b", "imp-0", "uid-b", "data.csv");
        await _store.PutAsync(waiting[2].Input, Bytes(10));
        await _store.PutAsync(waiting[7].Input, Bytes(2048));
        await _store.PutAsync(waiting[19].Input, Bytes(0));
        _store.Listings.Clear();

        var arrived = await new UploadScanner(_store).ScanAsync(waiting.Select(k => k.Input).Append(other.Input));

        Assert.Equal(new Dictionary<string, long> { [waiting[2].Input] = 10, [waiting[7].Input] = 2048, [waiting[19].Input] = 0 }, arrived);
        Assert.Equal(["team-a/", "team-b/"], _store.Listings.Order(StringComparer.Ordinal));
        Assert.Equal(0, _store.SizeQueries);
    }

    [Fact]
    public async Task Objects_under_other_prefixes_or_with_other_names_do_not_count_as_arrived()
    {
        var awaited = ImportObjectKeys.For("team-a", "orders", "uid-new", "orders.csv");
        // The same import name in another namespace, an earlier import with the same name (other uid), a result file.
        await _store.PutAsync(ImportObjectKeys.For("team-b", "orders", "uid-new", "orders.csv").Input, Bytes(5));
        await _store.PutAsync(ImportObjectKeys.For("team-a", "orders", "uid-old", "orders.csv").Input, Bytes(5));
        await _store.PutAsync(awaited.Data, Bytes(5));
        await _store.PutAsync(awaited.Prefix + "input/other.csv", Bytes(5));

        var arrived = await new UploadScanner(_store).ScanAsync([awaited.Input]);

        Assert.Empty(arrived);
    }

    [Fact]
    public async Task File_names_with_spaces_and_non_ascii_letters_are_matched_exactly()
    {
        var awaited = ImportObjectKeys.For("team-a", "report", "uid-1", "Q1 report (Zürich) + €.csv");
        await _store.PutAsync(awaited.Input, Bytes(42));

        var arrived = await new UploadScanner(_store).ScanAsync([awaited.Input]);

        Assert.Equal(42, arrived[awaited.Input]);
    }

    private static MemoryStream Bytes(int count) => new(Encoding.ASCII.GetBytes(new string('x', count)));

    /// <summary>Records each listing, to prove the scanner lists per prefix rather than asking per import.</summary>
    private sealed class CountingStore(IObjectStore inner) : IObjectStore
    {
        public List<string> Listings { get; } = [];
        public int SizeQueries { get; private set; }

        public Task EnsureBucketAsync(CancellationToken cancellationToken = default) => inner.EnsureBucketAsync(cancellationToken);
        public Task PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, contentType, cancellationToken);
        public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default)
        {
            SizeQueries++;
            return inner.GetSizeAsync(key, cancellationToken);
        }

        public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Listings.Add(prefix);
            await foreach (var item in inner.ListAsync(prefix, cancellationToken)) yield return item;
        }

        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeletePrefixAsync(prefix, cancellationToken);
        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
    }
}
