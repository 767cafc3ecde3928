using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Review;
using ImportOperator.Engine.Schema;
using Xunit.Abstractions;

namespace ImportOperator.Tests.ReviewApp;

/// <summary>The engine side of review: materialised tables, paging with edits, layout choices and finishing.</summary>
public sealed class ReviewTableTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("review-table-").FullName;

    private static readonly FieldDefinition[] People =
    [
        new() { Key = "name", Label = "Name", Validators = [new ValidatorDefinition { Validate = ValidatorKinds.Required }] },
        new() { Key = "email", Label = "Email", Type = "email", Validators = [new ValidatorDefinition { Validate = ValidatorKinds.Unique }] },
    ];

    private ImportRequest Request(string csv, ImportSettings? settings = null, HookDefinitions? hooks = null, string sub = "out")
    {
        var input = Path.Combine(_folder, "input-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(input, csv);
        return new ImportRequest
        {
            Fields = People,
            Settings = settings ?? new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit },
            Hooks = hooks ?? new HookDefinitions(),
            ImportIdentifier = "people",
            FileName = "people.csv",
            OpenInput = () => File.OpenRead(input),
            OutputDirectory = Path.Combine(_folder, sub),
        };
    }

    private ReviewTable Build(ImportRequest request, ReviewChoices? choices = null)
    {
        var build = ReviewTableBuilder.Build(request, choices ?? ReviewChoices.None, Path.Combine(_folder, "table-" + Guid.NewGuid().ToString("N")));
        Assert.True(build.Table is not null, build.FailureMessage ?? build.Layout?.ProblemMessage);
        return build.Table!;
    }

    private static CompiledSchema Compile(ImportRequest request) =>
        CompiledSchema.Compile(request.Fields, request.Settings, request.Hooks, new HookSandboxOptions(), new SchemaProblems())!;

    [Fact]
    public void Every_row_is_kept_with_its_errors_and_duplicates_across_rows_are_flagged()
    {
        var table = Build(Request("Name,Email\nAda,ada@example.com\n,grace@example.com\nAlan,ada@example.com\nEd,ed@example.com\n"));

        Assert.Equal(4, table.RowCount);
        var errors = table.Page(ReviewEdits.None, errorsOnly: true, 0, 10);
        Assert.Equal([0L, 1L, 2L], errors.Rows.Select(r => r.Index));
        Assert.Contains(errors.Rows[1].Messages[0], m => m.Level == MessageLevel.Error);
        Assert.NotEmpty(errors.Rows[2].Messages[1]);
    }

    [Fact]
    public void Edits_and_deletions_change_what_the_errors_view_holds_and_finishing_writes_the_rows_as_left()
    {
        var request = Request("Name,Email\nAda,ada@example.com\nGrace,grace.example.com\nAlan,alan@example\nEd,ed@example.com\n");
        var table = Build(request);
        using var schema = Compile(request);

        var fixedRow = ReviewRowEvaluator.Edit(schema, table.Read(1), new Dictionary<string, string?> { ["email"] = "grace@example.com" });
        Assert.False(fixedRow.HasError);
        var edits = new ReviewEdits { Edited = new Dictionary<long, ReviewRow> { [1] = fixedRow }, Deleted = new HashSet<long> { 2 } };

        Assert.Equal(0, table.Page(edits, errorsOnly: true, 0, 10).Total);
        var all = table.Page(edits, errorsOnly: false, 0, 10);
        Assert.Equal([0L, 1L, 3L], all.Rows.Select(r => r.Index));
        Assert.Equal("grace@example.com", all.Rows[1].Values[1].ToText());

        var outcome = ReviewFinisher.Finish(request, table, edits);
        Assert.Equal(OutcomePhase.Successful, outcome.Phase);
        using var data = JsonDocument.Parse(File.ReadAllText(outcome.DataPath));
        Assert.Equal(["Ada", "Grace", "Ed"], data.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(3, outcome.NumResultRows);
    }

    [Fact]
    public void An_edit_that_duplicates_another_rows_unique_value_is_caught_when_finishing()
    {
        var request = Request("Name,Email\nAda,ada@example.com\nGrace,grace@example\n");
        var table = Build(request);
        using var schema = Compile(request);
        var duplicate = ReviewRowEvaluator.Edit(schema, table.Read(1), new Dictionary<string, string?> { ["email"] = "ada@example.com" });

        var outcome = ReviewFinisher.Finish(request, table, new ReviewEdits { Edited = new Dictionary<long, ReviewRow> { [1] = duplicate } });

        Assert.Equal(OutcomePhase.NeedsReview, outcome.Phase);
        Assert.Equal(OutcomeReasons.ValidationErrors, outcome.Reason);
        Assert.Contains(outcome.FirstIssues, i => i.FieldKey == "email" && i.RowIndex == 1);
    }

    [Fact]
    public void Read_only_fields_and_unknown_fields_cannot_be_edited()
    {
        var request = Request("Name,Email\nAda,ada@example\n");
        var table = Build(request);
        using var schema = Compile(request);

        var unknown = Assert.Throws<ReviewChoiceException>(() => ReviewRowEvaluator.Edit(schema, table.Read(0), new Dictionary<string, string?> { ["phone"] = "1" }));
        Assert.Contains("'phone'", unknown.Message);
    }

    [Fact]
    public void A_picked_header_row_and_a_chosen_mapping_replace_the_engines_detection()
    {
        var request = Request("Quarterly export\n1,2\nFull name,Contact\nAda,ada@example.com\n");

        var picked = ReviewLayout.Inspect(request, new ReviewChoices { HeaderRow = 2, ColumnsByField = new Dictionary<string, int> { ["name"] = 0, ["email"] = 1 } });
        Assert.True(picked.IsUsable, picked.ProblemMessage);
        Assert.Equal(["Full name", "Contact"], picked.RawHeaders);
        var table = Build(request, new ReviewChoices { HeaderRow = 2, ColumnsByField = new Dictionary<string, int> { ["name"] = 0, ["email"] = 1 } });
        Assert.Equal("ada@example.com", table.Read(0).Values[1].ToText());

        var twice = Assert.Throws<ReviewChoiceException>(() =>
            ReviewLayout.Inspect(request, new ReviewChoices { HeaderRow = 2, ColumnsByField = new Dictionary<string, int> { ["name"] = 1, ["email"] = 1 } }));
        Assert.Contains("'name' and 'email'", twice.Message);
    }

    [Fact]
    public void Before_finish_cancelling_keeps_the_import_in_review_with_its_message()
    {
        var request = Request("Name,Email\nAda,ada@example.com\n", hooks: new HookDefinitions { BeforeFinishCallback = "() => ({ cancel: true, message: 'Not today.' })" });
        var outcome = ReviewFinisher.Finish(request, Build(request), ReviewEdits.None);

        Assert.Equal(OutcomePhase.NeedsReview, outcome.Phase);
        Assert.Equal(OutcomeReasons.CancelledByHook, outcome.Reason);
        Assert.Equal("Not today.", outcome.Message);
    }

    [Fact]
    public void A_million_rows_page_from_the_middle_and_the_end_with_the_errors_filter()
    {
        var csv = new StringBuilder("Name,Email\n", 40_000_000);
        for (var i = 0; i < 1_000_000; i++)
            csv.Append("Person ").Append(i).Append(",p").Append(i).Append(i % 1000 == 7 ? ".example.com\n" : "@example.com\n");
        var request = Request(csv.ToString(), new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit });
        request = new ImportRequest
        {
            Fields = [People[0], new FieldDefinition { Key = "email", Label = "Email", Type = "email" }],
            Settings = request.Settings, ImportIdentifier = "people", FileName = "people.csv",
            OpenInput = request.OpenInput, OutputDirectory = request.OutputDirectory,
        };
        var clock = Stopwatch.StartNew();
        var table = Build(request);
        output.WriteLine($"materialised 1,000,000 rows in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        var middle = table.Page(ReviewEdits.None, errorsOnly: false, 500_000, 50);
        var lastErrors = table.Page(ReviewEdits.None, errorsOnly: true, 999, 50);
        output.WriteLine($"two pages in {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(1_000_000, middle.Total);
        Assert.Equal(500_000, middle.Rows[0].Index);
        Assert.Equal("Person 500049", middle.Rows[49].Values[0].ToText());
        Assert.Equal(1000, lastErrors.Total);
        Assert.Equal(999_007, Assert.Single(lastErrors.Rows).Index);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
