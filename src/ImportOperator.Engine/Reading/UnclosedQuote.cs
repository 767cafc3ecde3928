namespace ImportOperator.Engine.Reading;

/// <summary>Where a quoted field that is never closed starts, so the user can find the quote to fix.</summary>
/// <param name="RecordLine">1-based line where the record with the open quote starts.</param>
/// <param name="QuoteLine">1-based line of the opening quote.</param>
/// <param name="QuoteColumn">1-based column (character) of the opening quote on its line.</param>
internal sealed record UnclosedQuote(long RecordLine, long QuoteLine, int QuoteColumn)
{
    /// <summary>Replays the quoting rules over the raw record to find the quote that was still open at its end.</summary>
    public static UnclosedQuote Locate(string rawRecord, long recordLine, char delimiter)
    {
        var line = 0;
        var column = 0;
        var inQuotes = false;
        var atFieldStart = true;
        var openLine = 0;
        var openColumn = 1;

        for (var i = 0; i < rawRecord.Length; i++)
        {
            var ch = rawRecord[i];
            if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < rawRecord.Length && rawRecord[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                column = 0;
                continue;
            }

            column++;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < rawRecord.Length && rawRecord[i + 1] == '"')
                    {
                        i++;
                        column++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }

                continue;
            }

            if (ch == '"' && atFieldStart)
            {
                inQuotes = true;
                openLine = line;
                openColumn = column;
            }

            atFieldStart = ch == delimiter;
        }

        return new UnclosedQuote(recordLine, recordLine + openLine, openColumn);
    }
}
