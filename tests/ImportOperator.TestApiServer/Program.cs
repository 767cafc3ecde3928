using ImportOperator.TestApiServer;

// Runs the test API server on its own: prints a kubeconfig (and writes it to --kubeconfig PATH when given),
// then serves until Ctrl+C. Usage: ImportOperator.TestApiServer [--crds DIR_OR_FILE]... [--port N] [--kubeconfig PATH]
//   [--job-runner-image IMAGE --job-runner-executable PROGRAM [--job-runner-arg ARG]... [--max-concurrent-pods N]]
// With a job runner, Jobs whose image is IMAGE run locally as PROGRAM ARG... <container args> (the entrypoint dropped).
var options = new TestApiServerOptions();
string? kubeconfigOut = null;
string? runnerImage = null, runnerExecutable = null;
var runnerArguments = new List<string>();
int maxPods = 4;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--crds" when i + 1 < args.Length: options.CrdPaths.Add(args[++i]); break;
        case "--port" when i + 1 < args.Length: options.Port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--kubeconfig" when i + 1 < args.Length: kubeconfigOut = args[++i]; break;
        case "--no-validation": options.ValidateCustomResources = false; break;
        case "--job-runner-image" when i + 1 < args.Length: runnerImage = args[++i]; break;
        case "--job-runner-executable" when i + 1 < args.Length: runnerExecutable = args[++i]; break;
        case "--job-runner-arg" when i + 1 < args.Length: runnerArguments.Add(args[++i]); break;
        case "--max-concurrent-pods" when i + 1 < args.Length: maxPods = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}
if ((runnerImage is null) != (runnerExecutable is null))
{
    Console.Error.WriteLine("--job-runner-image and --job-runner-executable go together.");
    return 2;
}
if (runnerImage is not null)
    options.JobRunner = new ImportOperator.TestApiServer.Jobs.LocalJobRunnerOptions
    {
        Image = runnerImage, Executable = runnerExecutable!, LeadingArguments = runnerArguments, MaxConcurrentPods = maxPods,
    };
await using var server = await TestApiServer.StartAsync(options);
var kubeconfig = await File.ReadAllTextAsync(server.KubeconfigPath);
if (kubeconfigOut is not null) await File.WriteAllTextAsync(kubeconfigOut, kubeconfig);
Console.WriteLine(kubeconfig);
Console.Out.Flush();
var done = new TaskCompletionSource();
// Ctrl+C, and SIGTERM from a script or a supervisor: stop serving and dispose (which also kills local Jobs).
using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; done.TrySetResult(); });
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; done.TrySetResult(); });
await done.Task;
return 0;
