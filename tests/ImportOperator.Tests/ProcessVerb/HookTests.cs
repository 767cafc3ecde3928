using System.Diagnostics;
using ImportOperator.Cli;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>Hooks through the whole `process` command: order, merge with types and validators, and failures.</summary>
public class HookTests
{
    private const string Fields = """
        - {key: name, label: Name, validators: [{validate: required}]}
        - {key: email, label: Email, type: email, validators: [{validate: unique}]}
        - {key: seats, label: Seats, type: number}
        """;

    private const string Csv = "Name,Email,Seats\n ada ,ADA@EXAMPLE.COM,1\nalan,alan@example.com,x\ngrace,ada@example.com,3\n";

    private static ProcessRun Run(string hooks, string? settings = null, string csv = Csv) =>
        ProcessRun.Execute(Manifest.Import(Fields, settings ?? "{importIdentifier: t, invalidDataBehavior: INCLUDE_INVALID_ROWS}", hooks), csv);

    [Fact]
    public void Hook_changes_are_parsed_by_type_and_validated_after_the_hooks()
    {
        using var run = Run("""
            columnHooks:
              - fieldName: email
                callback: '(values) => values.map(v => ({index: v.index, value: String(v.value).toLowerCase()}))'
            rowHooks:
              - '(record) => { record.row.name.value = record.row.name.value.trim(); if (record.row.seats.value === "x") { record.row.seats.value = "2"; record.row.seats.info = [{message: "guessed", level: "warning"}]; } return record; }'
            """);

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal(["ada", "alan", "grace"], run.Data.Select(r => (string)r!["name"]!));
        Assert.Equal(2, (double)run.Data[1]!["seats"]!);                  // "2" set by the hook, parsed as a number
        var errors = run.Metadata["errors"]!.AsArray();
        // The column hook lower-cased ADA@EXAMPLE.COM before unique ran: rows 0 and 2 now collide.
        Assert.Equal(2, errors.Count(e => (string)e!["fieldKey"]! == "email"));
        Assert.Contains(errors, e => (string)e!["fieldKey"]! == "seats" && (string)e["message"]! == "guessed" && (string)e["level"]! == "warning");
        Assert.DoesNotContain(errors, e => (string)e!["fieldKey"]! == "seats" && (string)e["level"]! == "error");
    }

    [Fact]
    public void A_bulk_row_hook_sees_the_row_hooks_result()
    {
        using var run = Run("""
            rowHooks: ['(r) => ({row: {name: {value: "n-" + r.index}}})']
            bulkRowHooks: ['(records) => records.map(r => { r.row.name.value = r.row.name.value.toUpperCase(); return r; })']
            """);

        Assert.Equal(["N-0", "N-1", "N-2"], run.Data.Select(r => (string)r!["name"]!));
    }

    [Fact]
    public void Before_finish_can_cancel_with_a_message_for_a_person()
    {
        using var run = Run("""beforeFinishCallback: '(data, metadata) => data.length > 2 ? {cancel: true, message: "Too many rows for a trial account (" + data.length + ")."} : undefined'""");

        Assert.Equal(ProcessCommand.ExitNeedsReview, run.ExitCode);
        Assert.Equal("CancelledByHook", run.Reason);
        Assert.Equal("Too many rows for a trial account (3).", run.Message);
        Assert.Empty(run.Data);
    }

    [Fact]
    public void A_hook_that_throws_fails_the_import_naming_the_hook_row_and_error()
    {
        using var run = Run("""rowHooks: ['(r) => { if (r.index === 2) { throw new Error("no grace today"); } return r; }']""");

        Assert.Equal(ProcessCommand.ExitFailed, run.ExitCode);
        Assert.Equal("HookFailed", run.Reason);
        Assert.Contains("rowHooks[0]", run.Message);
        Assert.Contains("row 2", run.Message);
        Assert.Contains("no grace today", run.Message);
        Assert.Empty(run.Data);
    }

    [Fact]
    public void A_hook_that_throws_deep_in_a_large_file_stops_every_stage()
    {
        var csv = "Name,Email,Seats\n" + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"n{i},u{i}@example.com,{i}\n"));

        using var run = Run("""rowHooks: ['(r) => { if (r.index === 25000) { throw new TypeError("bad row"); } return r; }']""", csv: csv);

        Assert.Equal("HookFailed", run.Reason);
        Assert.Contains("row 25000", run.Message);
        Assert.False(File.Exists(Path.Combine(run.OutputDirectory, "data.json.partial")));
    }

    [Fact]
    public void An_endless_loop_is_stopped_within_seconds()
    {
        var clock = Stopwatch.StartNew();

        using var run = Run("""rowHooks: ['(r) => { while (true) {} }']""");

        Assert.Equal("HookFailed", run.Reason);
        Assert.Contains("time limit", run.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_hook_cannot_reach_dotnet()
    {
        using var run = Run("""rowHooks: ['(r) => { const io = importNamespace("System.IO"); io.File.WriteAllText("/tmp/pwned", "x"); return r; }']""");

        Assert.Equal("HookFailed", run.Reason);
        Assert.Contains("importNamespace", run.Message);
        Assert.False(File.Exists("/tmp/pwned"));
    }

    [Fact]
    public void A_hook_that_does_not_parse_is_an_invalid_schema_with_line_and_column()
    {
        using var run = Run("""rowHooks: ["(r) => {\n  return r;;\n  }}"]""");

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.Equal("InvalidSchema", run.Reason);
        Assert.Contains("hooks.rowHooks[0]", run.Message);
        Assert.Contains("line", run.Message);
    }

    [Fact]
    public void Results_are_identical_on_one_engine_and_on_several()
    {
        var csv = "Name,Email,Seats\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"n{i},U{i}@Example.com,{i % 7}\n"));
        const string hooks = """rowHooks: ['(r) => { r.row.email.value = r.row.email.value.toLowerCase(); if (r.row.seats.value === "3") r.row.seats.info = [{message: "three", level: "info"}]; return r; }']""";
        var manifest = Manifest.Import(Fields, "{importIdentifier: t, invalidDataBehavior: INCLUDE_INVALID_ROWS}", hooks);
        var manifestPath = Path.GetTempFileName();
        var dataPath = Path.GetTempFileName();
        File.WriteAllText(manifestPath, manifest);
        File.WriteAllText(dataPath, csv);
        var one = Directory.CreateTempSubdirectory().FullName;
        var many = Directory.CreateTempSubdirectory().FullName;

        Assert.Equal(0, ProcessCommand.Run([manifestPath], dataPath, one, true, CancellationToken.None, hookEngines: 1));
        Assert.Equal(0, ProcessCommand.Run([manifestPath], dataPath, many, true, CancellationToken.None, hookEngines: 4));

        Assert.Equal(File.ReadAllText(Path.Combine(one, "data.json")), File.ReadAllText(Path.Combine(many, "data.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(one, "metadata.json")), File.ReadAllText(Path.Combine(many, "metadata.json")));
    }
}
