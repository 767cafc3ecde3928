using ImportOperator.TestApiServer;

// Runs the test API server on its own: prints a kubeconfig (and writes it to --kubeconfig PATH when given),
// then serves until Ctrl+C. Usage: ImportOperator.TestApiServer [--crds DIR_OR_FILE]... [--port N] [--kubeconfig PATH]
var options = new TestApiServerOptions();
string? kubeconfigOut = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--crds" when i + 1 < args.Length: options.CrdPaths.Add(args[++i]); break;
        case "--port" when i + 1 < args.Length: options.Port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--kubeconfig" when i + 1 < args.Length: kubeconfigOut = args[++i]; break;
        case "--no-validation": options.ValidateCustomResources = false; break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}
await using var server = await TestApiServer.StartAsync(options);
var kubeconfig = await File.ReadAllTextAsync(server.KubeconfigPath);
if (kubeconfigOut is not null) await File.WriteAllTextAsync(kubeconfigOut, kubeconfig);
Console.WriteLine(kubeconfig);
Console.Out.Flush();
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => done.TrySetResult();
await done.Task;
return 0;
