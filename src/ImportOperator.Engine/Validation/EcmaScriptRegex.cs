using System.Text.RegularExpressions;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Validation;

/// <summary>Compiles a schema's ECMAScript pattern and flags into a thread-safe .NET regex with a match timeout.</summary>
internal static class EcmaScriptRegex
{
    /// <summary>How long one match may take before the cell gets a "could not check" message instead of a verdict.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The linear-time engine (NonBacktracking) when the pattern allows it — no pattern can then hang, and whether
    /// a match exists does not depend on the engine. Patterns it refuses (backreferences, lookarounds, atomic
    /// groups) use the compiled backtracking engine, bounded by <see cref="MatchTimeout"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern does not compile; the message says why.</exception>
    public static Regex Compile(string pattern, RegexOptionsDefinition? flags)
    {
        var translated = EcmaScriptRegexTranslator.Translate(
            pattern, unicode: flags?.Unicode == true, dotAll: flags?.DotAll == true, multiline: flags?.Multiline == true);
        var options = RegexOptions.CultureInvariant;
        if (flags?.IgnoreCase == true) options |= RegexOptions.IgnoreCase;
        if (flags?.Multiline == true) options |= RegexOptions.Multiline;
        try
        {
            return new Regex(translated, options | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(translated, options | RegexOptions.Compiled, MatchTimeout);
        }
    }
}
