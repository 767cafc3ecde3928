namespace ImportOperator.Cli.Import;

/// <summary>
/// Where the import verbs write, and what they may draw there: a progress bar only when standard error is a
/// terminal, colours only when standard output is one and NO_COLOR is unset (https://no-color.org). Tests pass
/// plain writers and get neither.
/// </summary>
public sealed class VerbConsole(TextWriter output, TextWriter error, bool errorIsTerminal, bool colours, string commandPrefix)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>True when a redrawn progress line on <see cref="Error"/> will be seen by a person.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>How the user invoked the verbs, for the commands printed in hints: <c>kubectl import</c> or <c>import-operator import</c>.</summary>
    public string CommandPrefix { get; } = commandPrefix;

    /// <summary>The process's own console, with terminal detection.</summary>
    public static VerbConsole FromProcess(string commandPrefix) => new(Console.Out, Console.Error,
        errorIsTerminal: !Console.IsErrorRedirected,
        colours: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        commandPrefix);

    /// <summary>The phase name, coloured by how it ended when colours are on.</summary>
    public string Phase(string? phase)
    {
        var text = phase ?? "(no phase yet)";
        if (!colours) return text;
        var code = phase switch
        {
            "SUCCESSFUL" => "32",
            "FAILED" => "31",
            "NEEDS_REVIEW" => "33",
            _ => "36",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }

    /// <summary>Dimmed text (hints) when colours are on.</summary>
    public string Dim(string text) => colours ? $"\u001b[2m{text}\u001b[0m" : text;
}
