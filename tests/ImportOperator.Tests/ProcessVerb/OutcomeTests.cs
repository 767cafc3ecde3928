using System.Text.Json.Nodes;
using ImportOperator.Cli;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>invalidDataBehavior, allowEmptySubmit, maxRecords, maxFileSize and the outcome reasons, through `process`.</summary>
public class OutcomeTests
{
    private const string Fields = """
        - {key: name, label: Name, validators: [{validate: required}]}
        - {key: age, label: Age, type: number}
        """;

    private const string TwoBadRows = "Name,Age\nAda,36\n,41\nAlan,old\nGrace,85\n";

    [Fact]
    public void Rows_with_errors_are_left_out_by_default()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields), TwoBadRows);

        Assert.Equal(ProcessCommand.ExitSuccessful, run.ExitCode);
        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal(["Ada", "Grace"], run.Data.Select(r => (string)r!["name"]!));
        Assert.Equal(36, (double)run.Data[0]!["age"]!);
        Assert.Equal(4, (long)run.Metadata["numDataRows"]!);
        Assert.Equal(2, (long)run.Metadata["numValidRows"]!);
        Assert.Equal(2, (long)run.Metadata["numInvalidRows"]!);
        Assert.Equal(2, (long)run.Metadata["numResultRows"]!);
        Assert.Equal([1L, 2L], run.Metadata["rowsWithError"]!.AsArray().Select(n => (long)n!));
        Assert.Equal(2, (long)run.Status["resultMetadata"]!["numResultRows"]!);
    }

    [Fact]
    public void Include_invalid_rows_keeps_every_row_and_lists_the_problems()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, invalidDataBehavior: INCLUDE_INVALID_ROWS}"), TwoBadRows);

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal(4, run.Data.Count);
        Assert.Equal("old", (string)run.Data[2]!["age"]!); // the text that did not parse is kept, not lost
        var errors = run.Metadata["errors"]!.AsArray();
        Assert.Contains(errors, e => (long)e!["rowIndex"]! == 1 && (string)e["fieldKey"]! == "name" && (string)e["level"]! == "error");
        Assert.Contains(errors, e => (long)e!["rowIndex"]! == 2 && (string)e["fieldKey"]! == "age" && (string)e["value"]! == "old");
        Assert.Equal(2, run.Status["importErrors"]!.AsArray().Count);
    }

    [Fact]
    public void Block_submit_with_errors_needs_review_and_delivers_no_rows()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, invalidDataBehavior: BLOCK_SUBMIT}"), TwoBadRows);

        Assert.Equal(ProcessCommand.ExitNeedsReview, run.ExitCode);
        Assert.Equal("NEEDS_REVIEW", run.Phase);
        Assert.Equal("ValidationErrors", run.Reason);
        Assert.Contains("2 of 4 rows have errors", run.Message);
        Assert.Empty(run.Data);
        Assert.Equal(0, (long)run.Metadata["numResultRows"]!);
        Assert.Equal(2, (long)run.Metadata["numInvalidRows"]!);
    }

    [Fact]
    public void Block_submit_without_errors_succeeds()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, invalidDataBehavior: BLOCK_SUBMIT}"), "Name,Age\nAda,36\n");

        Assert.Equal(ProcessCommand.ExitSuccessful, run.ExitCode);
        Assert.Single(run.Data);
    }

    [Fact]
    public void A_header_without_rows_succeeds_empty_by_default()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields), "Name,Age\n");

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Empty(run.Data);
        Assert.Equal(["Name", "Age"], run.Metadata["rawHeaders"]!.AsArray().Select(h => (string)h!));
    }

    [Fact]
    public void A_header_without_rows_fails_when_empty_submit_is_not_allowed()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, allowEmptySubmit: false}"), "Name,Age\n\n\n");

        Assert.Equal(ProcessCommand.ExitFailed, run.ExitCode);
        Assert.Equal("NoDataRows", run.Reason);
    }

    [Fact]
    public void Rows_past_max_records_are_dropped_with_a_warning_that_counts_them()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, maxRecords: 2}"), "Name,Age\nA,1\nB,2\nC,3\nD,4\nE,5\n");

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal(["A", "B"], run.Data.Select(r => (string)r!["name"]!));
        Assert.Contains("3 further data rows were not imported", run.Message);
        Assert.Contains("3 further data rows", (string)run.Metadata["warnings"]![0]!);
    }

    [Fact]
    public void A_file_larger_than_max_file_size_fails()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, maxFileSize: 10}"), TwoBadRows);

        Assert.Equal(ProcessCommand.ExitFailed, run.ExitCode);
        Assert.Equal("FileTooLarge", run.Reason);
        Assert.Contains("maxFileSize", run.Message);
    }

    [Fact]
    public void Without_a_header_row_a_person_must_choose_one()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields), "1,2\n3,4\n5,6\n");

        Assert.Equal(ProcessCommand.ExitNeedsReview, run.ExitCode);
        Assert.Equal("HeaderRowNotFound", run.Reason);
    }

    [Fact]
    public void Header_row_override_picks_the_header()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, matchingStep: {headerRowOverride: 1}}"),
            "Report,of,people\nName,Age\nAda,36\n");

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal("Ada", (string)run.Data.Single()!["name"]!);
    }

    [Fact]
    public void A_required_mapping_without_a_column_needs_review()
    {
        const string fields = """
            - {key: name, label: Name}
            - {key: email, label: Email, requireMapping: true}
            """;
        using var run = ProcessRun.Execute(Manifest.Import(fields), "Name,Phone\nAda,555\n");

        Assert.Equal(ProcessCommand.ExitNeedsReview, run.ExitCode);
        Assert.Equal("UnmappedColumns", run.Reason);
        Assert.Contains("'Email' (email)", run.Message);
    }

    [Fact]
    public void No_column_matching_any_field_needs_review()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields), "Colour,Shape\nred,round\n");

        Assert.Equal("UnmappedColumns", run.Reason);
    }

    [Fact]
    public void Unmapped_columns_pass_through_when_asked()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields, "{importIdentifier: t, passThroughUnmappedColumns: true}"), "Name,Age,Colour\nAda,36,red\n");

        var row = run.Data.Single()!.AsObject();
        Assert.Equal(["name", "age", "$unmapped"], row.Select(p => p.Key));
        Assert.Equal("red", (string)row["$unmapped"]!["Colour"]!);
    }

    [Fact]
    public void A_many_to_one_field_gets_every_matching_column_in_column_order()
    {
        const string fields = """
            - {key: name, label: Name}
            - {key: tags, label: Tag, manyToOne: true, alternateMatches: [tag 1, tag 2, tag 3]}
            """;
        using var run = ProcessRun.Execute(Manifest.Import(fields), "Tag 2,Name,Tag 1\nb,Ada,a\n");

        Assert.Equal(["b", "a"], run.Data.Single()!["tags"]!.AsArray().Select(t => (string)t!));
        var tagField = run.Metadata["fields"]!["tags"]!;
        Assert.True((bool)tagField["manyToOne"]!);
        Assert.Equal([0, 2], tagField["fileHeaderIndex"]!.AsArray().Select(i => (int)i!));
    }

    [Fact]
    public void Every_field_is_in_every_result_row_in_schema_order_with_typed_empty_values()
    {
        const string fields = """
            - {key: note, label: Note}
            - {key: count, label: Count, type: number}
            - {key: active, label: Active, type: checkbox}
            - {key: missing, label: Never In The File, type: date}
            """;
        using var run = ProcessRun.Execute(Manifest.Import(fields), "Active,Count,Note,Other\n,,,keep\nyes,2,x,\n");

        var first = run.Data[0]!.AsObject();
        Assert.Equal(["note", "count", "active", "missing"], first.Select(p => p.Key));
        Assert.Equal("", (string)first["note"]!);
        Assert.Null(first["count"]);
        Assert.False((bool)first["active"]!);
        Assert.Null(first["missing"]);
        Assert.True((bool)run.Data[1]!["active"]!);
        var missing = run.Metadata["fields"]!["missing"]!;
        Assert.Null(missing["fileHeader"]);
    }

    [Fact]
    public void Blank_rows_are_skipped_and_not_counted_in_row_indexes()
    {
        using var run = ProcessRun.Execute(Manifest.Import(Fields), "\n\nName,Age\nAda,36\n,,\n\nAlan,x\n");

        Assert.Equal(2, (long)run.Metadata["numDataRows"]!);
        Assert.Equal(1, (long)run.Metadata["errors"]![0]!["rowIndex"]!);
    }

    [Theory]
    [InlineData("BLOCK_SUBMIT", "NEEDS_REVIEW", 0)]
    [InlineData("INCLUDE_INVALID_ROWS", "SUCCESSFUL", 4)]
    [InlineData("REMOVE_INVALID_ROWS", "SUCCESSFUL", 2)]
    public void A_duplicate_found_late_still_decides_what_data_json_holds(string behavior, string phase, int resultRows)
    {
        const string fields = "- {key: email, label: Email, validators: [{validate: unique}]}";
        // The duplicate of row 0 is only seen at row 3, after row 0 was processed.
        using var run = ProcessRun.Execute(Manifest.Import(fields, $"{{importIdentifier: t, invalidDataBehavior: {behavior}}}"),
            "Email\na@example.com\nb@example.com\nc@example.com\na@example.com\n");

        Assert.Equal(phase, run.Phase);
        Assert.Equal(resultRows, run.Data.Count);
        Assert.Equal(resultRows, (long)run.Metadata["numResultRows"]!);
        Assert.Equal([0L, 3L], run.Metadata["rowsWithError"]!.AsArray().Select(n => (long)n!));
    }
}
