namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// The whole system with <see cref="FlakyS3Proxy"/> between s3rver and everything that is not the test: the
/// operator, every worker (the operator hands its storage endpoint to the Jobs) and users' presigned PUTs.
/// </summary>
public class FlakyStorageEnvironment : OperatorEnvironment
{
    public FlakyS3Proxy Proxy { get; private set; } = null!;

    protected override async Task<string> OperatorStorageEndpointAsync(string storageEndpoint)
    {
        Proxy = await FlakyS3Proxy.StartAsync(new Uri(storageEndpoint));
        return Proxy.BaseUri.ToString().TrimEnd('/');
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
    }
}
