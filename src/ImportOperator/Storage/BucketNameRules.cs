namespace ImportOperator.Storage;

/// <summary>The portable S3 bucket-name rules, checked before any request so a typo fails with words, not a 400.</summary>
internal static class BucketNameRules
{
    public static bool IsValid(string name)
    {
        if (name.Length is < 3 or > 63) return false;
        if (!IsLetterOrDigit(name[0]) || !IsLetterOrDigit(name[^1])) return false;
        foreach (var c in name)
            if (!IsLetterOrDigit(c) && c != '-' && c != '.') return false;
        return !name.Contains("..", StringComparison.Ordinal);
    }

    private static bool IsLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
