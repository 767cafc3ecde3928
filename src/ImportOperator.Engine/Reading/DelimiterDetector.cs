namespace ImportOperator.Engine.Reading;

/// <summary>
/// Finds the delimiter of a text file from its first records: among , tab ; and |, the one that appears outside
/// quotes the same number of times (more than zero) on the most records. A European export has a ';' on every
/// line and a ',' only in some decimal numbers, so ';' wins; a file with no candidate at all is one column.
/// </summary>
internal static class DelimiterDetector
{
    public const int SampleRecords = 50;

    private static readonly char[] Candidates = [',', '\t', ';', '|'];

    /// <param name="sample">The start of the file, decoded, without BOM.</param>
    /// <param name="sampleIsWholeFile">False when the sample was cut, so its last record may be partial.</param>
    /// <param name="preferredOnTie">The delimiter that wins a tie (',' unless the file name says .tsv).</param>
    public static char Detect(ReadOnlySpan<char> sample, bool sampleIsWholeFile, char preferredOnTie = ',')
    {
        if (ExcelSeparatorHint(sample) is { } hinted)
        {
            return hinted;
        }

        var counts = CountPerRecord(sample, sampleIsWholeFile);
        if (counts.Count == 0)
        {
            return preferredOnTie;
        }

        var best = preferredOnTie;
        var bestShare = Share(counts, Array.IndexOf(Candidates, preferredOnTie));
        for (var c = 0; c < Candidates.Length; c++)
        {
            var share = Share(counts, c);
            if (share > bestShare + 1e-9)
            {
                best = Candidates[c];
                bestShare = share;
            }
        }

        return bestShare > 0 ? best : preferredOnTie;
    }

    /// <summary>
    /// Excel writes "sep=;" as the first line when it saves a CSV for another locale; that line says it all.
    /// </summary>
    private static char? ExcelSeparatorHint(ReadOnlySpan<char> sample)
    {
        var lineEnd = sample.IndexOfAny('\r', '\n');
        var firstLine = lineEnd < 0 ? sample : sample[..lineEnd];
        return firstLine.Length == 5 && firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)
            && Array.IndexOf(Candidates, firstLine[4]) >= 0
                ? firstLine[4]
                : null;
    }

    /// <summary>
    /// The share of records in which candidate <paramref name="c"/> appears its most common non-zero number of
    /// times; 0 when it never appears.
    /// </summary>
    private static double Share(List<int[]> counts, int c)
    {
        var frequency = new Dictionary<int, int>();
        foreach (var record in counts)
        {
            if (record[c] > 0)
            {
                frequency[record[c]] = frequency.GetValueOrDefault(record[c]) + 1;
            }
        }

        var modeRecords = 0;
        foreach (var (_, records) in frequency)
        {
            modeRecords = Math.Max(modeRecords, records);
        }

        return (double)modeRecords / counts.Count;
    }

    /// <summary>
    /// Splits the sample into records as a CSV parser would (a quote at the start of a field opens a quoted
    /// field, where delimiters and line breaks are text and "" is a quote) and counts each candidate per
    /// non-blank record.
    /// </summary>
    private static List<int[]> CountPerRecord(ReadOnlySpan<char> sample, bool sampleIsWholeFile)
    {
        var records = new List<int[]>();
        var current = new int[Candidates.Length];
        var inQuotes = false;
        var atFieldStart = true;
        var recordHasText = false;

        for (var i = 0; i < sample.Length && records.Count < SampleRecords; i++)
        {
            var ch = sample[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < sample.Length && sample[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }

                continue;
            }

            if (ch is '\r' or '\n')
            {
                if (recordHasText)
                {
                    records.Add(current);
                    current = new int[Candidates.Length];
                }

                recordHasText = false;
                atFieldStart = true;
                continue;
            }

            if (ch == '"' && atFieldStart)
            {
                inQuotes = true;
                recordHasText = true;
                atFieldStart = false;
                continue;
            }

            var candidate = Array.IndexOf(Candidates, ch);
            if (candidate >= 0)
            {
                current[candidate]++;
                atFieldStart = true;
            }
            else
            {
                atFieldStart = false;
            }

            if (!char.IsWhiteSpace(ch) || candidate >= 0)
            {
                recordHasText = true;
            }
        }

        // The last record counts when the file ends there, or when it is all there is (one huge first line).
        if (recordHasText && records.Count < SampleRecords && (sampleIsWholeFile || records.Count == 0))
        {
            records.Add(current);
        }

        return records;
    }
}
