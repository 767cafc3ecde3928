using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

/// <summary>Hooks that throw or return something the contract does not allow fail the import with an actionable message.</summary>
public class HookFailureTests
{
    private static readonly List<FieldDefinition> Contacts = Fields("first_name", "last_name");

    private static string RowHookFailure(string source, long rowIndex = 12)
    {
        using var hooks = RowHooks(Contacts, source);
        return Fails(() => hooks.RunRowHooks([Row(rowIndex, "Zeph", "Paul")], HookMode.Init)).Message;
    }

    [Fact]
    public void A_hook_that_throws_names_the_hook_the_row_the_error_and_its_position()
    {
        var message = RowHookFailure("(record, mode) => {\n  const x = record.row;\n  return x.email.value.trim();\n}");

        Assert.StartsWith("rowHooks[0] threw at row 12: TypeError: ", message);
        Assert.Contains("'value' of undefined", message);
        Assert.EndsWith("(hook line 3, column 10)", message);
    }

    [Fact]
    public void A_thrown_error_on_the_first_line_is_placed_in_the_authors_source()
    {
        var message = RowHookFailure("(r) => { throw new RangeError('no good'); }");

        Assert.Equal("rowHooks[0] threw at row 12: RangeError: no good (hook line 1, column 16)", message);
    }

    [Fact]
    public void A_rejected_async_hook_reports_the_error_and_its_position()
    {
        var message = RowHookFailure("async (r) => {\n  await null;\n  throw new Error('later');\n}");

        Assert.StartsWith("rowHooks[0] threw at row 12: Error: later", message);
        Assert.Contains("hook line 3", message);
    }

    [Fact]
    public void A_thrown_string_is_quoted()
    {
        Assert.StartsWith("rowHooks[0] threw at row 12: \"plain\"", RowHookFailure("(r) => { throw 'plain'; }"));
    }

    [Theory]
    [InlineData("(r) => undefined", "got undefined")]
    [InlineData("(r) => { r.row.first_name.value = 'x'; }", "got undefined")]
    [InlineData("(r) => 'done'", "got a string \"done\"")]
    [InlineData("(r) => 42", "got a number 42")]
    [InlineData("(r) => [r]", "got an array")]
    [InlineData("(r) => ({ first_name: { value: 'x' } })", "the returned record.row is undefined")]
    [InlineData("(r) => ({ row: { email: { value: 'x' } } })", "the returned record.row has the key 'email', which is not a field of the schema (fields: first_name, last_name)")]
    [InlineData("(r) => ({ row: { first_name: 'x' } })", "the returned record.row.first_name must be an object such as {value: ...}, got a string \"x\"")]
    [InlineData("(r) => ({ row: { first_name: { value: { nested: 1 } } } })", "the returned record.row.first_name.value must be a string, number, boolean, null or an array of those, got an object")]
    [InlineData("(r) => ({ row: { first_name: { info: 'bad' } } })", "the returned record.row.first_name.info must be an array of {message, level}, got a string \"bad\"")]
    [InlineData("(r) => ({ row: { first_name: { info: [{ level: 'error' }] } } })", "the returned record.row.first_name.info[0] has no message")]
    [InlineData("(r) => new Promise(() => {})", "returned a promise that never settles")]
    public void A_result_outside_the_contract_fails_with_what_to_return(string source, string expected)
    {
        var message = RowHookFailure(source);

        Assert.StartsWith("rowHooks[0] returned an invalid result at row 12: it ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void The_failure_reported_is_the_first_failing_row_whatever_the_engine_count()
    {
        var fields = Fields("n");
        var rows = Enumerable.Range(0, 1000).Select(i => Row(i, i.ToString())).ToList();
        using var hooks = Compile(new HookDefinitions { RowHooks = ["(r) => { if (r.index % 300 === 299) throw new Error('row ' + r.index); return r; }"] },
            fields, Limits(parallelism: 4));

        var message = Fails(() => hooks.RunRowHooks(rows, HookMode.Init)).Message;

        Assert.StartsWith("rowHooks[0] threw at row 299: Error: row 299", message);
    }
}
