namespace ImportOperator.TestApiServer.Jobs;

/// <summary>The Job controller's work for one Job, from its creation until it is Complete, Failed or deleted.</summary>
internal interface ILocalJob
{
    Task RunAsync();

    /// <summary>The Job is gone from the store: stop, kill its processes, write nothing more.</summary>
    void MarkDeleted();
}
