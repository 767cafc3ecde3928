using System.CommandLine;

namespace ImportOperator.Cli;

/// <summary>The local <c>process</c> verb: runs one HeadlessImport from manifests on the local file system.</summary>
public static class ProcessCommand
{
    public static Command Create()
    {
        var command = new Command("process", "Process one HeadlessImport locally, without a cluster.");
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(1));
        return command;
    }
}
