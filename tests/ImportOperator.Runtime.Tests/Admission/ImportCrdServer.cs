using ImportOperator.Runtime.Tests.Support;
using ImportOperator.TestApiServer;
using k8s;

namespace ImportOperator.Runtime.Tests.Admission;

/// <summary>One test API server for a test class, serving the CRDs of config/crd/ with their schemas and CEL rules enforced.</summary>
public sealed class ImportCrdServer : IAsyncLifetime
{
    public TestApiServer.TestApiServer Server { get; private set; } = null!;
    public IKubernetes Client { get; private set; } = null!;
    public ImportResources Imports { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new TestApiServerOptions { ValidateCustomResources = true };
        options.CrdPaths.Add(RepositoryPaths.CrdFolder);
        Server = await TestApiServer.TestApiServer.StartAsync(options);
        Client = Server.CreateClient();
        Imports = new ImportResources(Client, "default");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
