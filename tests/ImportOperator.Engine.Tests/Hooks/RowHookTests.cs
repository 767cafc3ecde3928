using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

public class RowHookTests
{
    private static readonly List<FieldDefinition> Contacts = Fields("first_name", "last_name");

    [Fact]
    public void The_seed_example_row_hook_sets_the_value_and_marks_it_for_reparsing()
    {
        using var hooks = RowHooks(Contacts,
            """(record, mode) => { return { row: { first_name: { value: "Updated from row hook" } } }; }""");
        var row = Row(0, "Zeph", "paul.zeph@gmail.com");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal(CellValue.FromString("Updated from row hook"), row.Values[0]);
        Assert.Equal(CellValue.FromString("paul.zeph@gmail.com"), row.Values[1]);
        Assert.Equal([true, false], row.Changed!);
    }

    [Fact]
    public void Returning_the_mutated_record_changes_only_what_was_mutated()
    {
        using var hooks = RowHooks(Contacts,
            "(record) => { record.row.last_name.value = record.row.last_name.value.toUpperCase(); return record; }");
        var row = Row(0, "Zeph", "paul");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal(["Zeph", "PAUL"], row.Values.Select(v => v.ToText()));
        Assert.Equal([false, true], row.Changed!);
        Assert.Null(row.HookInfo);
    }

    [Fact]
    public void The_record_carries_value_result_value_info_index_row_id_and_mode()
    {
        var fields = Fields("name", "age", "tags");
        using var hooks = RowHooks(fields,
            """
            (record, mode) => ({ row: { name: { value: JSON.stringify([record.index, record.rowId, mode,
              record.row.age.value, record.row.age.resultValue, record.row.tags.value, record.row.name.info]) } } })
            """);
        var row = new ImportRow(7, 3);
        row.Values[1] = CellValue.FromString("42");
        row.Results[1] = CellValue.FromNumber(42);
        row.Values[2] = CellValue.FromArray([CellValue.FromString("a"), CellValue.FromString("b")]);
        row.SetHookInfo(0, [CellMessage.Warning("check")]);

        hooks.RunRowHooks([row], HookMode.Update);

        Assert.Equal("""[7,"7","update","42",42,["a","b"],[{"message":"check","level":"warning"}]]""", row.Values[0].ToText());
    }

    [Fact]
    public void Returned_info_replaces_the_cells_messages_and_levels_are_mapped()
    {
        using var hooks = RowHooks(Contacts,
            """
            (record) => ({ row: {
              first_name: { info: [{ message: "too short", level: "warning" }, { message: "fyi", level: "info" },
                                   { message: "bad", level: "error" }, { message: "typo", level: "severe" }] },
              last_name: { info: [] } } })
            """);
        var row = Row(0, "Al", "Smith");
        row.SetHookInfo(1, [CellMessage.Error("old")]);

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal([CellMessage.Warning("too short"), CellMessage.Info("fyi"), CellMessage.Error("bad"), CellMessage.Error("typo")],
            row.HookInfo![0]);
        Assert.Null(row.HookInfo[1]);
        Assert.Null(row.Changed);
    }

    [Fact]
    public void A_cell_left_out_keeps_its_info_and_value()
    {
        using var hooks = RowHooks(Contacts, "(record) => ({ row: { first_name: { value: 'X' } } })");
        var row = Row(0, "Al", "Smith");
        row.SetHookInfo(1, [CellMessage.Error("kept")]);

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal([CellMessage.Error("kept")], row.HookInfo![1]);
        Assert.Equal("Smith", row.Values[1].ToText());
    }

    [Fact]
    public void Several_row_hooks_run_in_order_each_seeing_the_previous_result()
    {
        using var hooks = RowHooks(Contacts,
            "(r) => ({ row: { first_name: { value: r.row.first_name.value + '1' } } })",
            "(r) => ({ row: { first_name: { value: r.row.first_name.value + '2', info: [{message: 'two', level: 'info'}] } } })",
            "(r) => ({ row: { last_name: { value: r.row.first_name.info[0].message } } })");
        var row = Row(0, "x", "y");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal(["x12", "two"], row.Values.Select(v => v.ToText()));
    }

    [Theory]
    [InlineData("async (record) => ({ row: { first_name: { value: 'async' } } })")]
    [InlineData("async (record) => { await null; await Promise.resolve(1); return { row: { first_name: { value: 'async' } } }; }")]
    [InlineData("(record) => Promise.resolve({ row: { first_name: { value: 'async' } } })")]
    public void Async_hooks_are_awaited(string source)
    {
        using var hooks = RowHooks(Contacts, source);
        var row = Row(0, "x", "y");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal("async", row.Values[0].ToText());
    }

    [Theory]
    [InlineData("'text'", CellValueKind.String, "text")]
    [InlineData("12.5", CellValueKind.Number, "12.5")]
    [InlineData("true", CellValueKind.Boolean, "true")]
    [InlineData("null", CellValueKind.Null, "")]
    [InlineData("['a', 'b']", CellValueKind.Array, "a, b")]
    [InlineData("NaN", CellValueKind.Null, "")]
    public void A_returned_value_of_any_JSON_kind_becomes_the_raw_value(string literal, CellValueKind kind, string text)
    {
        using var hooks = RowHooks(Contacts, $"(r) => ({{ row: {{ first_name: {{ value: {literal} }} }} }})");
        var row = Row(0, "x", "y");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal(kind, row.Values[0].Kind);
        Assert.Equal(text, row.Values[0].ToText());
    }

    [Fact]
    public void A_value_given_as_undefined_is_left_unchanged_as_JSON_would_drop_it()
    {
        using var hooks = RowHooks(Contacts, "(r) => ({ row: { first_name: { value: undefined }, last_name: undefined } })");
        var row = Row(0, "x", "y");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal(["x", "y"], row.Values.Select(v => v.ToText()));
        Assert.Null(row.Changed);
    }

    [Fact]
    public void A_named_function_with_a_helper_declaration_runs()
    {
        using var hooks = RowHooks(Contacts,
            "const suffix = '!';\nfunction shout(record) { return { row: { first_name: { value: record.row.first_name.value + suffix } } }; }");
        var row = Row(0, "hi", "y");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal("hi!", row.Values[0].ToText());
    }
}
