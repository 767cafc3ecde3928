using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

/// <summary>
/// A cell's info array is made only when something observes it; to a hook it must still behave as its own fresh
/// array holding the cell's messages, and what comes back must be exactly what the hook left there.
/// </summary>
public class RecordInfoTests
{
    private static readonly List<FieldDefinition> Contacts = Fields("name", "email");

    private static ImportRow RowWithWarning()
    {
        var row = Row(0, "Zeph", "paul");
        row.SetHookInfo(1, [CellMessage.Warning("check the e-mail")]);
        return row;
    }

    [Fact]
    public void Messages_a_hook_does_not_touch_stay_and_an_untouched_empty_info_adds_none()
    {
        using var hooks = RowHooks(Contacts, "(record) => { record.row.name.value = 'Paul'; return record; }");
        var row = RowWithWarning();

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Null(row.HookInfo![0]);
        Assert.Equal([CellMessage.Warning("check the e-mail")], row.HookInfo[1]!);
    }

    [Fact]
    public void A_hook_that_only_writes_info_sets_it_and_one_that_reads_it_sees_the_messages()
    {
        using var hooks = RowHooks(Contacts, """
            (record) => {
              record.row.name.info = [{ message: 'seen ' + record.row.email.info.length + ' ' + record.row.email.info[0].message, level: 'info' }];
              record.row.email.info.push({ message: 'and more', level: 'error' });
              return record;
            }
            """);
        var row = RowWithWarning();

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal([CellMessage.Info("seen 1 check the e-mail")], row.HookInfo![0]!);
        Assert.Equal([CellMessage.Warning("check the e-mail"), CellMessage.Error("and more")], row.HookInfo[1]!);
    }

    [Fact]
    public void Each_cell_gets_its_own_info_array()
    {
        using var hooks = RowHooks(Contacts, """
            (record) => {
              const same = record.row.name.info === record.row.email.info;
              record.row.name.info.push({ message: 'only name, shared: ' + same, level: 'warning' });
              return record;
            }
            """);
        var row = Row(0, "Zeph", "paul");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal([CellMessage.Warning("only name, shared: false")], row.HookInfo![0]!);
        Assert.Null(row.HookInfo[1]);
    }

    [Fact]
    public void A_bulk_hook_that_hands_one_rows_cells_to_another_copies_that_rows_empty_info_as_well()
    {
        // Row 1's e-mail warning is replaced by row 0's (empty) info, as a fresh array per cell would do.
        using var hooks = Compile(new HookDefinitions
        {
            BulkRowHooks = ["(records) => { records[1].row.email = records[0].row.email; return records; }"],
        }, Contacts);
        var first = Row(0, "Zeph", "paul");
        var second = Row(1, "Ann", "ann");
        second.SetHookInfo(1, [CellMessage.Warning("check the e-mail")]);

        hooks.RunBulkRowHooks([first, second], HookMode.Init);

        Assert.Equal(CellValue.FromString("paul"), second.Values[1]);
        Assert.True(second.HookInfo![1] is null or { Count: 0 });
    }
}
