using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

public class BulkRowHookTests
{
    private static readonly List<FieldDefinition> Contacts = Fields("first_name", "last_name");

    private static CompiledHooks BulkHooks(params string[] hooks) =>
        Compile(new HookDefinitions { BulkRowHooks = [.. hooks] }, Contacts);

    [Fact]
    public void A_bulk_hook_sees_every_record_and_its_changes_land_in_the_rows()
    {
        using var hooks = BulkHooks(
            "(records, mode) => records.map(r => ({ index: r.index, row: { last_name: { value: mode + ':' + records.length + ':' + r.row.first_name.value } } }))");
        var rows = new[] { Row(5, "a", "x"), Row(6, "b", "y") };

        hooks.RunBulkRowHooks(rows, HookMode.Init);

        Assert.Equal(["init:2:a", "init:2:b"], rows.Select(r => r.Values[1].ToText()));
        Assert.Equal(["a", "b"], rows.Select(r => r.Values[0].ToText()));
    }

    [Fact]
    public void Returning_the_mutated_records_works_and_info_lands()
    {
        using var hooks = BulkHooks(
            """
            async (records) => {
              const seen = new Set();
              for (const r of records) {
                if (seen.has(r.row.first_name.value)) r.row.first_name.info = [{ message: 'duplicate', level: 'error' }];
                seen.add(r.row.first_name.value);
              }
              return records;
            }
            """);
        var rows = new[] { Row(0, "a", "x"), Row(1, "a", "y") };

        hooks.RunBulkRowHooks(rows, HookMode.Init);

        Assert.Null(rows[0].HookInfo?[0]);
        Assert.Equal("duplicate", Assert.Single(rows[1].HookInfo![0]!).Message);
    }

    [Theory]
    [InlineData("(records) => records.slice(1)", "it got 3 records and returned 2")]
    [InlineData("(records) => records.reverse()", "position 0 should have index 0, but has a number 2")]
    [InlineData("(records) => [records[0], records[0], records[2]]", "position 1 should have index 1, but has a number 0")]
    [InlineData("(records) => records.map(r => ({ row: {} }))", "position 0 should have index 0, but has undefined")]
    [InlineData("(records) => undefined", "must return the records array, got undefined")]
    public void A_result_that_drops_duplicates_or_reorders_indexes_fails(string source, string expected)
    {
        using var hooks = BulkHooks(source);
        var rows = new[] { Row(0, "a", "x"), Row(1, "b", "y"), Row(2, "c", "z") };

        var message = Fails(() => hooks.RunBulkRowHooks(rows, HookMode.Init)).Message;

        Assert.StartsWith("bulkRowHooks[0] returned an invalid result on rows 0-2: it ", message);
        Assert.Contains(expected, message);
        Assert.Equal(["a", "b", "c"], rows.Select(r => r.Values[0].ToText()));
    }

    [Fact]
    public void A_bulk_record_with_an_unknown_key_fails_naming_its_position()
    {
        using var hooks = BulkHooks("(records) => records.map(r => ({ index: r.index, row: { phone: { value: '1' } } }))");

        var message = Fails(() => hooks.RunBulkRowHooks([Row(0, "a", "x")], HookMode.Init)).Message;

        Assert.Contains("records[0].row has the key 'phone', which is not a field of the schema", message);
    }
}
