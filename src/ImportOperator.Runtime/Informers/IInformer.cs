namespace ImportOperator.Runtime.Informers;

/// <summary>What a manager needs of any informer: run it, and know when its cache is filled.</summary>
public interface IInformer
{
    ResourceKind Kind { get; }
    Task RunAsync(CancellationToken ct);
    Task Synced { get; }
    bool HasSynced { get; }
}
