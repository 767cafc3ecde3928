using ImportOperator.Engine.Reading;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// The header and column mapping of a split file, found from the file's head alone (the bytes the planner set
/// aside: every row header detection examines) with the delimiter the planner settled: the same
/// <see cref="TableLayout"/> as the whole-file run, in every chunk and in the merge.
/// </summary>
internal static class SplitHead
{
    public static TableLayout Detect(ImportRequest request, CompiledSchema schema, SplitPlan plan, Func<long, long, Stream> openRange)
    {
        using var head = openRange(0, plan.HeadLength);
        using var cursor = DataRowCursor.Over(DelimitedTextReader.OpenPart(head, plan.Delimiter, request.FileName, firstLine: 1));
        var layout = TableLayout.Detect(cursor, schema.Fields, request.Settings, request.FileName);
        if (layout.HeaderPosition != plan.HeaderPosition)
            throw new InvalidDataException(
                $"{request.FileName}: the header is non-blank row {layout.HeaderPosition + 1} here but row {plan.HeaderPosition + 1} in the split plan: the plan was made for another file or schema.");
        return layout;
    }

    /// <summary>Refuses an input whose length is not the planned one (another file under the same name).</summary>
    public static void CheckInput(ImportRequest request, SplitPlan plan)
    {
        if (request.InputLength is { } length && length != plan.InputLength)
            throw new InvalidDataException(
                $"{request.FileName} is {length:N0} bytes, but the split plan was made for {plan.InputLength:N0} bytes: the plan belongs to another file.");
    }
}
