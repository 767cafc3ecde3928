using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

/// <summary>
/// The record a row hook gets is built by generated JavaScript (one object literal per record, for speed); these
/// tests pin that it is still the plain object a hook author expects, whatever the field keys are.
/// </summary>
public class RecordShapeTests
{
    [Fact]
    public void Any_field_key_becomes_an_own_property_of_the_row_in_schema_order()
    {
        var fields = Fields("__proto__", "a \"quoted\" key", "line\u2028break", "constructor");
        using var hooks = RowHooks(fields,
            """
            (record) => {
              const row = record.row;
              const facts = [Object.keys(row), Object.keys(row).map(k => row[k].value),
                Object.getPrototypeOf(record) === Object.prototype, Object.getPrototypeOf(row) === Object.prototype];
              return { row: { constructor: { value: JSON.stringify(facts) } } };
            }
            """);
        var row = Row(0, "p", "q", "l", "c");

        hooks.RunRowHooks([row], HookMode.Init);

        // JSON.stringify writes U+2028 as it is.
        Assert.Equal("""[["__proto__","a \"quoted\" key","line{LS}break","constructor"],["p","q","l","c"],true,true]"""
            .Replace("{LS}", "\u2028"), row.Values[3].ToText());
    }

    [Fact]
    public void Record_properties_are_ordinary_writable_data_and_each_cell_has_its_own_info_array()
    {
        using var hooks = RowHooks(Fields("name", "tags"),
            """
            (record) => {
              const plain = (o, k) => { const p = Object.getOwnPropertyDescriptor(o, k); return p.writable && p.enumerable && p.configurable; };
              const tags = record.row.tags;
              tags.info.push({ message: 'pushed', level: 'info' });
              return { row: { name: { value: JSON.stringify([
                plain(record, 'row'), plain(record, 'index'), plain(record, 'rowId'), plain(record.row, 'name'),
                plain(tags, 'value'), plain(tags, 'resultValue'), plain(tags, 'info'), Object.keys(tags),
                Array.isArray(tags.info), record.row.name.info.length, tags.value === tags.resultValue,
                Object.isFrozen(tags)]) } } };
            }
            """);
        var row = new ImportRow(0, 2);
        row.Values[1] = row.Results[1] = CellValue.FromArray([CellValue.FromString("a")]);

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal("""[true,true,true,true,true,true,true,["value","resultValue","info"],true,0,false,false]""",
            row.Values[0].ToText());
        Assert.Null(row.HookInfo?[1]);
    }
}
