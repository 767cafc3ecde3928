using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Cli.Import;

/// <summary>Exit codes, the same as the <c>process</c> command's, plus 130 for an interrupted verb (Ctrl-C, as shells report it).</summary>
public static class ImportExitCodes
{
    public const int Successful = ProcessCommand.ExitSuccessful;
    public const int BadArguments = ProcessCommand.ExitBadInput;
    public const int Failed = ProcessCommand.ExitFailed;
    public const int NeedsReview = ProcessCommand.ExitNeedsReview;
    public const int Interrupted = 130;

    public static int OfPhase(string? phase) => phase switch
    {
        ImportPhases.Successful => Successful,
        ImportPhases.NeedsReview => NeedsReview,
        ImportPhases.Failed => Failed,
        _ => Successful,
    };
}
