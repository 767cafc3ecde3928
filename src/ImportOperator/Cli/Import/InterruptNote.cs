using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Cli.Import;

/// <summary>
/// What is left behind when a verb stops early (Ctrl-C, or an upload that gave up): the import's state in words,
/// and the exact commands that resume following it or delete it — never a half-created import without a note.
/// </summary>
public static class InterruptNote
{
    private const string NoPhase = "(no phase yet)";
    private const string Deleted = "(deleted)";

    public static async Task WriteAsync(VerbConsole console, ImportCluster cluster, string? name, bool uploaded, string? file, string headline = "Interrupted.")
    {
        var e = console.Error;
        e.WriteLine();
        if (name is null)
        {
            e.WriteLine($"{headline} No HeadlessImport was created.");
            return;
        }
        var ns = cluster.Namespace;
        var phase = await PhaseOrNullAsync(cluster, name);
        if (phase == Deleted)
        {
            e.WriteLine($"{headline} HeadlessImport {ns}/{name} no longer exists; nothing is left behind.");
            return;
        }
        e.WriteLine($"{headline} HeadlessImport {ns}/{name} is {(phase is null ? "in an unknown state (the API did not answer)" : $"in phase {phase}")}.");
        if (!uploaded && file is not null && phase is ImportPhases.AwaitingUpload or NoPhase or null)
        {
            e.WriteLine("Its file was not (completely) uploaded; it waits for one until settings.uploadTimeoutSeconds, then fails.");
            e.WriteLine($"  delete it:        kubectl delete hi {name} -n {ns}");
            e.WriteLine($"  and start again:  {console.CommandPrefix} submit ... --file {file}");
            e.WriteLine($"  see its state:    {console.CommandPrefix} get {name} -n {ns}");
            return;
        }
        e.WriteLine("It keeps running in the cluster without this command.");
        e.WriteLine($"  see its state:    {console.CommandPrefix} get {name} -n {ns}");
        e.WriteLine($"  fetch results:    {console.CommandPrefix} results {name} -n {ns} --out {name}");
        e.WriteLine($"  delete it:        kubectl delete hi {name} -n {ns}");
    }

    private static async Task<string?> PhaseOrNullAsync(ImportCluster cluster, string name)
    {
        // The user's token is already cancelled; a short budget of our own keeps Ctrl-C snappy.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        try
        {
            var import = await cluster.FindAsync(name, budget.Token);
            return import is null ? Deleted : import.Status?.Phase ?? NoPhase;
        }
        catch (Exception) { return null; }
    }
}
