using System.Globalization;
using System.Text;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Tests.Hooks;

/// <summary>
/// Whole imports where each row hook slice also parses, re-parses and validates its own rows: the result must be
/// the one the step-by-step order gives (one engine, or bulk row hooks present), console lines in row order, and a
/// failing hook reported at the first row that failed.
/// </summary>
public class RowHooksInSlicesTests : IDisposable
{
    private const int RowCount = 3000; // two batches; the first split in two slices of 1,024 rows

    private readonly List<string> _folders = [];

    private static List<FieldDefinition> Fields() =>
    [
        new() { Key = "name", Label = "Name", Validators = [new ValidatorDefinition { Validate = "required" }] },
        new() { Key = "amount", Label = "Amount", Type = FieldTypes.Number },
        new() { Key = "code", Label = "Code", Validators = [new ValidatorDefinition { Validate = "regex_match", Regex = "^[A-Z]{3}$" }] },
    ];

    // Every fifth name is blank (required fails), every third code lower-case (regex fails); the hook upper-cases
    // codes of even rows, blanks the name of every 7th and makes every 11th amount text (the re-parse must flag it).
    private static string Csv()
    {
        var csv = new StringBuilder("Name,Amount,Code\n");
        for (var i = 0; i < RowCount; i++)
            csv.Append(i % 5 == 0 ? "" : $"name{i}").Append(',')
                .Append((i * 0.5).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(i % 3 == 0 ? "abc" : "XYZ").Append('\n');
        return csv.ToString();
    }

    private const string Hook = """
        (record) => {
          const i = record.index;
          if (i % 2 === 0) record.row.code.value = String(record.row.code.value).toUpperCase();
          if (i % 7 === 0) record.row.name.value = '';
          if (i % 11 === 0) record.row.amount.value = 'lots';
          return record;
        }
        """;

    private sealed class StageLog : IImportObserver
    {
        public List<ImportStageTiming> Stages { get; } = [];
        public void StageCompleted(ImportStageTiming timing) { lock (Stages) Stages.Add(timing); }
    }

    private ImportOutcome Run(HookDefinitions hooks, int engines, IImportObserver? observer = null)
    {
        var folder = Directory.CreateTempSubdirectory("slices-").FullName;
        _folders.Add(folder);
        var bytes = Encoding.UTF8.GetBytes(Csv());
        var request = new ImportRequest
        {
            Fields = Fields(),
            Settings = new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.IncludeInvalidRows },
            Hooks = hooks,
            ImportIdentifier = "slices",
            FileName = "slices.csv",
            OpenInput = () => new MemoryStream(bytes),
            InputLength = bytes.Length,
            OutputDirectory = folder,
            HookOptions = HookTestKit.Limits(parallelism: engines, timeoutPerCallMs: 5_000),
            Observer = observer,
        };
        var run = Task.Run(() => ImportProcessor.Run(request));
        Assert.True(run.Wait(TimeSpan.FromMinutes(2)), "the import did not finish within two minutes");
        return run.Result;
    }

    [Fact]
    public void Rows_parsed_and_validated_in_two_slices_give_the_data_of_one_engine()
    {
        var one = Run(new HookDefinitions { RowHooks = [Hook] }, engines: 1);
        var two = Run(new HookDefinitions { RowHooks = [Hook] }, engines: 2);

        Assert.Equal(OutcomePhase.Successful, two.Phase);
        Assert.Equal(File.ReadAllText(one.DataPath), File.ReadAllText(two.DataPath));
        Assert.Equal(one.NumInvalidRows, two.NumInvalidRows);
        // Row 0: name blanked by the hook (required), code upper-cased (regex passes), amount made text (parse error).
        var row0 = two.FirstIssues.Where(issue => issue.RowIndex == 0).Select(issue => issue.FieldKey).Order().ToList();
        Assert.Equal(["amount", "name"], row0);
        // Row 3: odd, code "abc" stays lower-case, so the regex validator flags it after the hook ran.
        Assert.Contains(two.FirstIssues, issue => issue.RowIndex == 3 && issue.FieldKey == "code");
    }

    [Fact]
    public void Observed_runs_report_parse_hooks_and_validate_within_their_windows_and_the_same_data()
    {
        var log = new StageLog();
        var observed = Run(new HookDefinitions { RowHooks = [Hook] }, engines: 2, log);
        var unobserved = Run(new HookDefinitions { RowHooks = [Hook] }, engines: 2);

        Assert.Equal(File.ReadAllText(unobserved.DataPath), File.ReadAllText(observed.DataPath));
        foreach (var stage in (string[])[ImportStages.Parse, ImportStages.Hooks, ImportStages.Validate])
        {
            var timing = Assert.Single(log.Stages, t => t.Stage == stage);
            Assert.Equal(2, timing.Runs); // one per batch
            Assert.True(timing.Busy <= timing.End - timing.Start, $"{stage}: busy {timing.Busy} exceeds its window {timing.End - timing.Start}");
        }
        Assert.True(log.Stages.Single(t => t.Stage == ImportStages.Hooks).Busy > TimeSpan.Zero);
    }

    [Fact]
    public void With_a_bulk_row_hook_the_row_hooks_still_run_before_it_and_validation_after_both()
    {
        const string bulk = """
            (records) => records.map(record => {
              record.row.code.value = String(record.row.code.value).toLowerCase();
              return record;
            })
            """;
        var two = Run(new HookDefinitions { RowHooks = [Hook], BulkRowHooks = [bulk] }, engines: 2);

        Assert.Equal(OutcomePhase.Successful, two.Phase);
        // Every code ends up lower-case (the row hook upper-cased even rows, the bulk hook lowered them again),
        // so the regex validator, which runs after both, flags every row.
        Assert.Equal(RowCount, two.NumInvalidRows);
        var one = Run(new HookDefinitions { RowHooks = [Hook], BulkRowHooks = [bulk] }, engines: 1);
        Assert.Equal(File.ReadAllText(one.DataPath), File.ReadAllText(two.DataPath));
    }

    [Fact]
    public void Console_lines_of_two_slices_come_in_row_order()
    {
        var outcome = Run(new HookDefinitions
        {
            RowHooks = ["(record) => { if (record.index % 100 === 0) console.log('at', record.index); return record; }"],
        }, engines: 2);

        var expected = Enumerable.Range(0, RowCount / 100).Select(i => $"[rowHooks[0] row {i * 100}] log: at {i * 100}");
        Assert.Equal(expected, outcome.HookLog);
    }

    [Fact]
    public void A_hook_that_throws_only_in_the_second_slice_is_reported_at_its_first_failing_row()
    {
        // The first batch (2,048 rows) splits at row 1,024: rows 1,500 and 1,900 fail, both in the second slice.
        var outcome = Run(new HookDefinitions
        {
            RowHooks = ["(record) => { if (record.index === 1500 || record.index === 1900) throw new Error('bad row ' + record.index); return record; }"],
        }, engines: 2);

        Assert.Equal(OutcomePhase.Failed, outcome.Phase);
        Assert.Equal(OutcomeReasons.HookFailed, outcome.Reason);
        Assert.Contains("row 1500", outcome.Message);
        Assert.Contains("bad row 1500", outcome.Message);
        Assert.DoesNotContain("1900", outcome.Message);
    }

    [Fact]
    public void A_failure_in_the_first_slice_wins_over_an_earlier_finished_failure_in_the_second()
    {
        // Row 1,030 (second slice) fails at once; row 1,000 (first slice) fails later in time but first in row order.
        var outcome = Run(new HookDefinitions
        {
            RowHooks = ["(record) => { if (record.index === 1000 || record.index === 1030) throw new Error('bad row ' + record.index); return record; }"],
        }, engines: 2);

        Assert.Equal(OutcomePhase.Failed, outcome.Phase);
        Assert.Contains("row 1000", outcome.Message);
        Assert.DoesNotContain("1030", outcome.Message);
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
