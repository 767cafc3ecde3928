using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Cli.Import;

/// <summary>
/// Follows an import until it stops: SUCCESSFUL, FAILED, or NEEDS_REVIEW (which waits for a person). Each phase
/// change is printed as a line; on a terminal, while RUNNING, the worker's latest progress line (rows processed,
/// percent read — from the pod's log, since the status carries no progress) is redrawn in place.
/// </summary>
public sealed class PhaseFollower(ImportCluster cluster, VerbConsole console, TimeSpan pollInterval)
{
    public static bool HasStopped(string? phase) => phase is ImportPhases.Successful or ImportPhases.Failed or ImportPhases.NeedsReview;

    public async Task<HeadlessImport> FollowAsync(string name, string? alreadyShownPhase, CancellationToken ct)
    {
        var shown = alreadyShownPhase;
        var progressDrawn = false;
        var lastProgressRead = DateTime.MinValue;
        while (true)
        {
            var import = await cluster.FindAsync(name, ct)
                ?? throw new ImportGoneException($"HeadlessImport '{name}' was deleted while being followed.");
            var phase = import.Status?.Phase;
            if (phase != shown && phase is not null)
            {
                if (progressDrawn) { console.Error.WriteLine(); progressDrawn = false; }
                if (!HasStopped(phase)) console.Out.WriteLine($"phase: {console.Phase(phase)}");
                shown = phase;
            }
            if (HasStopped(phase)) return import;
            if (phase == ImportPhases.Running && console.ErrorIsTerminal && DateTime.UtcNow - lastProgressRead > TimeSpan.FromSeconds(2))
            {
                lastProgressRead = DateTime.UtcNow;
                if (await TryProgressAsync(import, ct) is { } progress)
                {
                    console.Error.Write($"\r  {progress}   ");
                    progressDrawn = true;
                }
            }
            await Task.Delay(pollInterval, ct);
        }
    }

    private async Task<string?> TryProgressAsync(HeadlessImport import, CancellationToken ct)
    {
        // Progress is a nicety: a pod not yet created or a log not readable must never stop the follow.
        try { return await ProcessingLog.LatestProgressAsync(cluster, import, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
    }
}

/// <summary>The import disappeared (deleted by someone, or its TTL) while a verb was working on it.</summary>
public sealed class ImportGoneException(string message) : Exception(message);
