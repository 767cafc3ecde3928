using System.CommandLine;
using k8s.Autorest;

namespace ImportOperator.Cli.Import;

/// <summary>What every import verb shares: where it writes, how fast it polls, and one error policy.</summary>
public sealed class VerbContext(VerbConsole console, ImportRunTimings timings)
{
    public VerbConsole Console { get; } = console;
    public ImportRunTimings Timings { get; } = timings;

    /// <summary>
    /// Runs a verb's body with the shared error policy: a usage error prints its message and exits 1; the API
    /// server's refusal (403, 422, ...) or an unreachable cluster prints the server's words and exits 1 too, since
    /// the fix is on the user's side (flags, kubeconfig, RBAC); Ctrl-C outside a run exits 130.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await body(parse, ct);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ImportExitCodes.BadArguments;
            }
            catch (HttpOperationException e)
            {
                Console.Error.WriteLine($"error: {ApiErrors.Describe(e)}");
                return ImportExitCodes.BadArguments;
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                Console.Error.WriteLine($"error: cannot reach the cluster: {e.Message} (check --kubeconfig and --context).");
                return ImportExitCodes.BadArguments;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine("Interrupted.");
                return ImportExitCodes.Interrupted;
            }
        });

    /// <summary>The verb's help text followed by its examples, as every verb shows them under --help.</summary>
    public string Help(string summary, params string[] examples) =>
        summary + "\n\nExamples:\n" + string.Join("\n", examples.Select(e => "  " + Console.CommandPrefix + " " + e));
}
