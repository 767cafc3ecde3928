using System.Text;

namespace ImportOperator.Cli.Import;

/// <summary>Object names the verbs make up: a generateName prefix that is a valid DNS-1123 subdomain start.</summary>
public static class ImportNames
{
    // The API server appends 5 random characters to generateName; names stay well under 63 for the Job label.
    private const int MaxPrefixLength = 40;

    /// <summary>"Contacts 2026_11.csv" → "contacts-2026-11-"; "import-" when nothing usable is left.</summary>
    public static string PrefixFrom(string stem)
    {
        var builder = new StringBuilder();
        foreach (var c in stem.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var prefix = builder.ToString().Trim('-');
        if (prefix.Length > MaxPrefixLength) prefix = prefix[..MaxPrefixLength].TrimEnd('-');
        return (prefix.Length == 0 ? "import" : prefix) + "-";
    }
}
