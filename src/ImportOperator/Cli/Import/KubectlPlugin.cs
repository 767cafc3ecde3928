namespace ImportOperator.Cli.Import;

/// <summary>
/// kubectl runs a plugin by its file name: <c>kubectl import submit ...</c> executes <c>kubectl-import submit ...</c>.
/// When the executable is invoked under that name, the import verbs are its top-level verbs.
/// </summary>
public static class KubectlPlugin
{
    public const string ExecutableName = "kubectl-import";

    /// <summary>True when this process was started as <c>kubectl-import</c> (a copy or a symlink of the executable).</summary>
    public static bool IsInvokedAsPlugin() => IsPluginName(InvokedName());

    public static bool IsPluginName(string? invokedAs) =>
        invokedAs is not null && string.Equals(Path.GetFileNameWithoutExtension(invokedAs), ExecutableName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The command prefix users typed, for hints: <c>kubectl import</c> or <c>import-operator import</c>.</summary>
    public static string CommandPrefix() => IsInvokedAsPlugin() ? "kubectl import" : "import-operator import";

    /// <summary>
    /// argv[0] as the caller wrote it. On Linux /proc/self/cmdline keeps a symlink's own name, which the process
    /// path (resolved through /proc/self/exe) loses; elsewhere the runtime's view is the best there is.
    /// </summary>
    private static string? InvokedName()
    {
        try
        {
            const string cmdline = "/proc/self/cmdline";
            if (File.Exists(cmdline))
            {
                var raw = File.ReadAllText(cmdline);
                var first = raw.Split('\0', 2)[0];
                if (IsPluginName(first)) return first;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        var args = Environment.GetCommandLineArgs();
        if (args.Length > 0 && IsPluginName(args[0])) return args[0];
        return Environment.ProcessPath;
    }
}
