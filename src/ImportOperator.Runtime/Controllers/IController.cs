using ImportOperator.Runtime.Informers;

namespace ImportOperator.Runtime.Controllers;

/// <summary>What a manager needs of a controller: its informers, and to run it while leading.</summary>
public interface IController
{
    string Name { get; }
    IReadOnlyList<IInformer> Informers { get; }
    int QueueDepth { get; }
    Task RunAsync(CancellationToken ct);
}
