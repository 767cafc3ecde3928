using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Split.SplitTestKit;

namespace ImportOperator.Engine.Tests.Split;

/// <summary>A split run (plan, 3–6 chunks, merge) gives the whole-file run's data.json, metadata.json and outcome.</summary>
public class SplitEqualityTests
{
    private const int Rows = 9000;

    private static byte[] Contacts(int rows = Rows, string newline = "\n", bool byteOrderMark = false) =>
        Csv(ContactRows(rows), ContactHeader, newline, byteOrderMark: byteOrderMark);

    [Fact]
    public void Without_hooks_or_unique_validators_removing_invalid_rows()
    {
        using var kit = Create();
        var (outcome, plan) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields());
        Assert.Equal(OutcomePhase.Successful, outcome.Phase);
        Assert.True(outcome.NumInvalidRows > 0);
        Assert.Equal(Rows, plan.RowCount);
        Assert.All(plan.Chunks, c => Assert.Equal(0, c.FirstRowIndex % ImportProcessor.BatchSize));
    }

    [Fact]
    public void Unique_validators_find_duplicates_across_chunks_including_invalid_rows()
    {
        using var kit = Create();
        var fields = ContactFields(new ValidatorDefinition { Validate = ValidatorKinds.Unique });
        fields[1].Validators = [new() { Validate = ValidatorKinds.UniqueCaseInsensitive }];
        fields[4].Validators = [new() { Validate = ValidatorKinds.UniqueWith, UniqueKey = "cityname", Fields = ["city", "name"] }];
        var rows = ContactRows(Rows).Select((r, i) => i % 1000 == 999 ? (string[])[r[0], "USER5@EXAMPLE.COM", r[2], r[3], r[4]] : r);
        var (outcome, _) = kit.AssertSplitEqualsWhole(Csv(rows, ContactHeader), fields,
            new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.IncludeInvalidRows });
        Assert.Contains(outcome.FirstIssues, i => i.FieldKey == "code");
    }

    [Fact]
    public void Unique_with_remove_invalid_rows_leaves_out_the_same_rows()
    {
        using var kit = Create();
        var (outcome, _) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields(new ValidatorDefinition { Validate = ValidatorKinds.Unique }));
        Assert.True(outcome.NumResultRows < outcome.NumDataRows);
    }

    [Fact]
    public void Block_submit_needs_review_the_same_way()
    {
        using var kit = Create();
        var (outcome, _) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields(),
            new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit });
        Assert.Equal(OutcomeReasons.ValidationErrors, outcome.Reason);
    }

    [Fact]
    public void A_row_hook_changes_values_adds_info_and_logs_in_row_order()
    {
        using var kit = Create();
        var hooks = new HookDefinitions
        {
            RowHooks =
            [
                """
                (record) => {
                  if (record.index % 1500 === 0) console.log('row', record.index);
                  const amount = record.row.amount.value;
                  return { row: { city: { value: record.row.city.value.toUpperCase(), info: record.index % 10 === 0 ? [{ message: 'checked', level: 'info' }] : undefined },
                                  amount: { value: amount === 'abc' ? '0' : amount } } };
                }
                """,
            ],
        };
        var (outcome, _) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields(), hooks: hooks);
        Assert.Equal(6, outcome.HookLog.Count);
    }

    [Fact]
    public void A_bulk_row_hook_sees_the_same_batches()
    {
        using var kit = Create();
        var hooks = new HookDefinitions
        {
            BulkRowHooks = ["(records) => records.map(r => ({ index: r.index, row: { city: { value: records.length + '@' + records[0].index } } }))"],
        };
        var (outcome, _) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields(), hooks: hooks);
        Assert.Contains("\"city\":\"2048@2048\"", File.ReadAllText(outcome.DataPath));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Before_finish_callback_sees_all_rows_and_may_cancel(bool cancel)
    {
        using var kit = Create();
        var hooks = new HookDefinitions
        {
            BeforeFinishCallback = cancel
                ? "(data, metadata) => ({ cancel: data.length === metadata.numDataRows, message: 'rows: ' + data.length + ', invalid: ' + metadata.numInvalidRows })"
                : "(data, metadata) => { console.log('rows', data.length, data[data.length - 1].name); }",
        };
        var (outcome, _) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields(), new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.IncludeInvalidRows }, hooks);
        Assert.Equal(cancel ? OutcomePhase.NeedsReview : OutcomePhase.Successful, outcome.Phase);
    }

    [Fact]
    public void Max_records_cuts_mid_file_with_the_same_warning()
    {
        using var kit = Create();
        var (outcome, plan) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields(), new ImportSettings { MaxRecords = 7000 }, chunks: 5);
        Assert.Equal(7000, plan.RowCount);
        Assert.Equal(2000, plan.DroppedRows);
        Assert.Single(outcome.Warnings);
    }

    [Theory]
    [InlineData("\r\n", false)]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    public void Line_endings_and_a_byte_order_mark(string newline, bool byteOrderMark)
    {
        using var kit = Create();
        kit.AssertSplitEqualsWhole(Contacts(newline: newline, byteOrderMark: byteOrderMark), ContactFields());
    }

    [Fact]
    public void A_hook_failing_in_a_late_chunk_fails_with_the_same_message()
    {
        using var kit = Create();
        var hooks = new HookDefinitions
        {
            RowHooks = ["(record) => { if (record.index === 6500) throw new Error('bad row ' + record.index); if (record.index % 2000 === 0 && record.index < 6144) console.log('at', record.index); return record; }"],
        };
        // No output from the failing batch itself: how far its parallel slices get is timing, in one pod as in a split.
        var (outcome, plan) = kit.AssertSplitEqualsWhole(Contacts(), ContactFields(), hooks: hooks, chunks: 6);
        Assert.Equal(OutcomeReasons.HookFailed, outcome.Reason);
        Assert.Contains("bad row 6500", outcome.Message);
        Assert.Equal(4, plan.Chunks.Count(c => c.FirstRowIndex <= 6500)); // the failing row is in the 4th of 5 chunks
    }

    [Fact]
    public void The_header_below_title_lines_and_blank_rows_anywhere()
    {
        using var kit = Create();
        var rows = ContactRows(Rows).SelectMany((r, i) => i % 501 == 0 ? (string[][])[r, ["", " ", ""], ["\u00a0", "", "\u3000"]] : [r]);
        var content = Csv(rows, ContactHeader, prefix: "Contacts export\nGenerated for a test,,\n\n");
        var (outcome, plan) = kit.AssertSplitEqualsWhole(content, ContactFields());
        Assert.Equal(Rows, outcome.NumDataRows);
        Assert.True(plan.Chunks[0].FirstLine > 4);
    }

    [Fact]
    public void Unmapped_columns_pass_through_and_extra_cells_warn()
    {
        using var kit = Create();
        var rows = ContactRows(Rows).Select((r, i) => i % 400 == 0 ? (string[])[.. r, $"note {i}", "extra"] : [.. r, $"note {i}"]);
        var (outcome, _) = kit.AssertSplitEqualsWhole(Csv(rows, [.. ContactHeader, "Notes"]), ContactFields(),
            new ImportSettings { PassThroughUnmappedColumns = true });
        Assert.Contains("$unmapped", File.ReadAllText(outcome.DataPath));
    }

    [Fact]
    public void Tab_separated_text_with_a_semicolon_setting_free_detection()
    {
        using var kit = Create();
        kit.AssertSplitEqualsWhole(Csv(ContactRows(Rows), ContactHeader, delimiter: '\t'), ContactFields(), name: "contacts.tsv");
    }
}
