using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

public class ColumnHookTests
{
    private static readonly List<FieldDefinition> Contacts = Fields("name", "email");

    private static CompiledHooks ColumnHooks(params string[] callbacks) => Compile(new HookDefinitions
    {
        ColumnHooks = callbacks.Select(c => new ColumnHookDefinition { FieldName = "email", Callback = c }).ToList(),
    }, Contacts);

    private static List<ColumnCell> Column(params string[] values) =>
        values.Select((v, i) => new ColumnCell(i * 10, CellValue.FromString(v))).ToList();

    [Fact]
    public void A_column_hook_sees_the_whole_column_and_returns_the_cells_it_changes()
    {
        using var hooks = ColumnHooks(
            "(values) => values.filter(v => v.value !== v.value.toLowerCase()).map(v => ({ index: v.index, value: v.value.toLowerCase() }))");

        var changes = hooks.RunColumnHooks("email", Column("a@x.io", "B@X.IO", "c@x.io", "D@x.io"));

        Assert.Equal([new ColumnCellChange(10, true, CellValue.FromString("b@x.io"), null), new ColumnCellChange(30, true, CellValue.FromString("d@x.io"), null)],
            changes);
    }

    [Fact]
    public void Values_carry_index_value_and_row_id()
    {
        using var hooks = ColumnHooks("(values) => [{ index: values[1].index, value: JSON.stringify(values[1]) }]");

        var change = Assert.Single(hooks.RunColumnHooks("email", Column("a", "b")));

        Assert.Equal("""{"index":10,"value":"b","rowId":"10"}""", change.Value.ToText());
    }

    [Fact]
    public void Info_without_a_value_changes_only_the_messages()
    {
        using var hooks = ColumnHooks(
            "(values) => values.filter(v => !v.value.includes('@')).map(v => ({ index: v.index, info: [{ message: 'not an email', level: 'warning' }] }))");

        var change = Assert.Single(hooks.RunColumnHooks("email", Column("a@x.io", "nope")));

        Assert.Equal(10, change.Index);
        Assert.False(change.HasValue);
        Assert.Equal([CellMessage.Warning("not an email")], change.Info);
    }

    [Fact]
    public void Several_column_hooks_on_a_field_chain_and_their_changes_merge()
    {
        using var hooks = ColumnHooks(
            "(values) => values.map(v => ({ index: v.index, value: v.value.trim() }))",
            "(values) => values.map(v => ({ index: v.index, value: v.value + '!', info: [{ message: 'seen ' + v.value, level: 'info' }] }))");

        var changes = hooks.RunColumnHooks("email", Column(" a ", "b"));

        Assert.Equal(["a!", "b!"], changes.Select(c => c.Value.ToText()));
        Assert.Equal([CellMessage.Info("seen a")], changes[0].Info);
    }

    [Fact]
    public void A_field_without_column_hooks_has_no_changes()
    {
        using var hooks = ColumnHooks("(values) => values.map(v => ({ index: v.index, value: 'x' }))");

        Assert.Empty(hooks.RunColumnHooks("name", Column("a")));
    }

    [Theory]
    [InlineData("(values) => undefined", "must return an array of {index, value?, info?} (an empty array for no changes), got undefined")]
    [InlineData("(values) => [{ index: 5, value: 'x' }]", "the returned array[0].index is a number 5, which is not the index of a cell it was given")]
    [InlineData("(values) => ['x']", "the returned array[0] must be an object {index, value?, info?}, got a string \"x\"")]
    public void A_result_outside_the_contract_fails_naming_the_field(string callback, string expected)
    {
        using var hooks = ColumnHooks(callback);

        var message = Fails(() => hooks.RunColumnHooks("email", Column("a", "b"))).Message;

        Assert.Equal($"columnHooks[0] returned an invalid result on field 'email': it {expected}", message);
    }

    [Fact]
    public void A_column_hook_that_throws_names_the_field()
    {
        using var hooks = ColumnHooks("(values) => values.map(v => v.missing.value)");

        var message = Fails(() => hooks.RunColumnHooks("email", Column("a"))).Message;

        Assert.StartsWith("columnHooks[0] threw on field 'email': TypeError:", message);
        Assert.Contains("(hook line 1, column", message);
    }
}
