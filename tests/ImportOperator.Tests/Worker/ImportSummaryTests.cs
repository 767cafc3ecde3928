using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>The summary the operator turns into status: the same words as the process verb's status.</summary>
public class ImportSummaryTests
{
    private static readonly DateTime Start = new(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc);

    private static ImportOutcome Outcome(OutcomePhase phase, int issues) => new()
    {
        Phase = phase,
        Reason = "ValidationErrors",
        Message = "2 rows have errors.",
        NumDataRows = 300,
        NumValidRows = 298,
        NumInvalidRows = 2,
        NumResultRows = 0,
        FirstIssues = Enumerable.Range(0, issues).Select(i => new ImportIssue(i, i % 2 == 0 ? "email" : null, $"problem {i}",
            i % 3 == 0 ? MessageLevel.Warning : MessageLevel.Error, i == 1 ? CellValue.Null : CellValue.FromString($"v{i}"))).ToList(),
        Warnings = ["Rows after the 200th were left out (settings.maxRecords)."],
        DataPath = "data.json",
        MetadataPath = "metadata.json",
    };

    [Theory]
    [InlineData(OutcomePhase.Successful, "SUCCESSFUL")]
    [InlineData(OutcomePhase.NeedsReview, "NEEDS_REVIEW")]
    [InlineData(OutcomePhase.Failed, "FAILED")]
    public void The_phase_is_named_as_in_the_status(OutcomePhase phase, string expected)
    {
        Assert.Equal(expected, ImportSummary.FromOutcome(Outcome(phase, 0), Start, Start.AddSeconds(3), 10).Phase);
    }

    [Fact]
    public void Counts_problems_warnings_and_times_are_carried_over()
    {
        var summary = ImportSummary.FromOutcome(Outcome(OutcomePhase.NeedsReview, 3), Start, Start.AddSeconds(3), 1234);

        Assert.Equal("ValidationErrors", summary.Reason);
        Assert.Equal("2 rows have errors.", summary.Message);
        Assert.Equal((300, 298, 2, 0), (summary.ResultMetadata.NumDataRows, summary.ResultMetadata.NumValidRows, summary.ResultMetadata.NumInvalidRows, summary.ResultMetadata.NumResultRows));
        Assert.Equal(["warning", "error", "error"], summary.ImportErrors.Select(e => e.Level));
        Assert.Equal(["email", null, "email"], summary.ImportErrors.Select(e => e.FieldKey));
        Assert.Equal(["v0", null, "v2"], summary.ImportErrors.Select(e => e.Value));
        Assert.Equal(["Rows after the 200th were left out (settings.maxRecords)."], summary.Warnings);
        Assert.Equal(Start, summary.StartTime);
        Assert.Equal(Start.AddSeconds(3), summary.EndTime);
        Assert.Equal(1234, summary.InputBytes);
    }

    [Fact]
    public void At_most_the_first_hundred_problems_are_kept_in_row_order()
    {
        var summary = ImportSummary.FromOutcome(Outcome(OutcomePhase.NeedsReview, 150), Start, Start, 0);

        Assert.Equal(100, summary.ImportErrors.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), summary.ImportErrors.Select(e => e.RowIndex));
    }

    [Fact]
    public async Task The_stored_form_reads_back_the_same()
    {
        var summary = ImportSummary.FromOutcome(Outcome(OutcomePhase.NeedsReview, 2), Start, Start.AddSeconds(1), 99);

        var read = await ImportSummary.ReadAsync(new MemoryStream(summary.ToUtf8Json()));

        Assert.Equal(summary.Phase, read.Phase);
        Assert.Equal(summary.Message, read.Message);
        Assert.Equal(summary.ImportErrors.Select(e => (e.RowIndex, e.FieldKey, e.Message, e.Level, e.Value)),
            read.ImportErrors.Select(e => (e.RowIndex, e.FieldKey, e.Message, e.Level, e.Value)));
        Assert.Equal(summary.StartTime, read.StartTime);
        Assert.Equal(99, read.InputBytes);
    }

    [Fact]
    public void An_invalid_spec_is_a_failure_with_nothing_read()
    {
        var summary = ImportSummary.Invalid(WorkerReasons.InvalidSpec, "spec: exactly one of schemaRef or fields.", Start, Start);

        Assert.Equal("FAILED", summary.Phase);
        Assert.Equal("InvalidSpec", summary.Reason);
        Assert.Equal(0, summary.ResultMetadata.NumDataRows);
        Assert.Empty(summary.ImportErrors);
    }
}
