using System.Text.RegularExpressions;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Validation;

/// <summary>Compiles a schema's ECMAScript pattern and flags into a thread-safe .NET regex with a match timeout.</summary>
internal static class EcmaScriptRegex
{
    /// <summary>
    /// How long one backtracking match may take before the cell gets a "could not check" message instead of a
    /// verdict. The timeout is wall-clock time, so it is not applied where it is not needed (see Compile).
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The linear-time engine (NonBacktracking) when the pattern allows it — no pattern can then hang, and whether
    /// a match exists does not depend on the engine. It gets no timeout: on a busy machine a descheduled thread
    /// (or the engine building its automaton lazily) could pass 100 ms of wall-clock time on a harmless pattern,
    /// failing cells at random. Patterns it refuses (backreferences, lookarounds, atomic groups) use the compiled
    /// backtracking engine, bounded by <see cref="MatchTimeout"/>. Each regex is run once here, so that JIT
    /// compilation does not count against the first cell's timeout.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern does not compile; the message says why.</exception>
    public static Regex Compile(string pattern, RegexOptionsDefinition? flags)
    {
        var translated = EcmaScriptRegexTranslator.Translate(
            pattern, unicode: flags?.Unicode == true, dotAll: flags?.DotAll == true, multiline: flags?.Multiline == true);
        var options = RegexOptions.CultureInvariant;
        if (flags?.IgnoreCase == true) options |= RegexOptions.IgnoreCase;
        if (flags?.Multiline == true) options |= RegexOptions.Multiline;
        Regex regex;
        try
        {
            regex = new Regex(translated, options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            regex = new Regex(translated, options | RegexOptions.Compiled, MatchTimeout);
        }
        WarmUp(regex);
        return regex;
    }

    /// <summary>True when the regex runs on the backtracking engine, with <see cref="MatchTimeout"/>.</summary>
    public static bool IsBacktracking(Regex regex) => (regex.Options & RegexOptions.NonBacktracking) == 0;

    private static void WarmUp(Regex regex)
    {
        try
        {
            regex.IsMatch("");
            regex.IsMatch("warm-up 0123456789");
        }
        catch (RegexMatchTimeoutException)
        {
            // Only warming up: a cell that times out is reported when it is checked.
        }
    }
}
