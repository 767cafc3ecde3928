using ImportOperator.Runtime.Informers;
using ImportOperator.TestApiServer;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.Support;

/// <summary>A test API server serving the Widget CRD, and a real KubernetesClient on it; disposing stops both.</summary>
public sealed class ServerScope : IAsyncDisposable
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    ServerScope(TestApiServer.TestApiServer server)
    {
        Server = server;
        Client = server.CreateClient();
        Widgets = new ResourceClient<Widget>(Client, Widget.Kind);
    }

    public TestApiServer.TestApiServer Server { get; }
    public IKubernetes Client { get; }
    public ResourceClient<Widget> Widgets { get; }

    public static async Task<ServerScope> StartAsync(Action<TestApiServerOptions>? configure = null)
    {
        var options = new TestApiServerOptions();
        options.CrdPaths.Add(FixturePath("widgets-crd.yaml"));
        configure?.Invoke(options);
        return new ServerScope(await TestApiServer.TestApiServer.StartAsync(options));
    }

    public Task<Widget> CreateWidgetAsync(string name, int size = 1, string ns = "default") =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(
            new Widget { Metadata = new V1ObjectMeta { Name = name }, Spec = new WidgetSpec { Size = size, Color = "blue" } },
            Widget.Kind.Group, Widget.Kind.Version, ns, Widget.Kind.Plural);

    public Task<Widget> SetSizeAsync(string name, int size, string ns = "default") =>
        Widgets.PatchAsync(new ObjectKey(ns, name), new V1Patch($"{{\"spec\":{{\"size\":{size}}}}}", V1Patch.PatchType.MergePatch), status: false, CancellationToken.None);

    public Informer<Widget> WidgetInformer(InformerOptions? options = null) => new(Widgets, options);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
