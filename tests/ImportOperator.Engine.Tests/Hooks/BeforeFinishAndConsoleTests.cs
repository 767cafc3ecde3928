using System.Text.Json.Nodes;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

public class BeforeFinishAndConsoleTests
{
    private static readonly List<FieldDefinition> Contacts = Fields("first_name", "last_name");

    private static readonly JsonObject[] Data =
    [
        new() { ["first_name"] = "Zeph", ["last_name"] = "Paul" },
        new() { ["first_name"] = "Ann", ["last_name"] = null },
    ];

    private static readonly JsonObject Metadata = new() { ["numDataRows"] = 2, ["rowsWithError"] = new JsonArray(1) };

    private static CompiledHooks BeforeFinish(string source, HookSandboxOptions? options = null) =>
        Compile(new HookDefinitions { BeforeFinishCallback = source }, Contacts, options);

    [Theory]
    [InlineData("(data, metadata) => { if (metadata.rowsWithError.length > 0) return { cancel: true, message: `${data.length} rows, ${metadata.rowsWithError.length} with errors` }; }", true, "2 rows, 1 with errors")]
    [InlineData("async (data, metadata) => ({ cancel: true, message: data[1].first_name + '/' + metadata.numDataRows })", true, "Ann/2")]
    [InlineData("(data) => ({ cancel: true })", true, "The import was cancelled by beforeFinishCallback.")]
    [InlineData("(data) => { }", false, null)]
    [InlineData("(data) => ({ cancel: false, message: 'fine' })", false, null)]
    [InlineData("(data) => null", false, null)]
    public void BeforeFinish_can_cancel_with_a_message(string source, bool cancel, string? message)
    {
        using var hooks = BeforeFinish(source);

        var result = hooks.RunBeforeFinish(Data, Metadata);

        Assert.Equal(new BeforeFinishResult(cancel, message), result);
    }

    [Fact]
    public void BeforeFinish_that_throws_fails_the_import()
    {
        using var hooks = BeforeFinish("(data) => { throw new Error('refused'); }");

        var message = Fails(() => hooks.RunBeforeFinish(Data, Metadata)).Message;

        Assert.Equal("beforeFinishCallback threw: Error: refused (hook line 1, column 19)", message);
    }

    [Fact]
    public void BeforeFinish_returning_a_string_fails_with_what_to_return()
    {
        using var hooks = BeforeFinish("(data) => 'cancel'");

        var message = Fails(() => hooks.RunBeforeFinish(Data, Metadata)).Message;

        Assert.Contains("must return nothing or {cancel: true, message}, got a string \"cancel\"", message);
    }

    [Fact]
    public void No_beforeFinish_means_continue()
    {
        using var hooks = Compile(new HookDefinitions(), Contacts);

        Assert.Equal(BeforeFinishResult.Continue, hooks.RunBeforeFinish(Data, Metadata));
    }

    [Fact]
    public void Console_output_is_captured_in_row_order_with_hook_and_row()
    {
        using var hooks = Compile(new HookDefinitions
        {
            RowHooks = ["(r) => { console.log('row', r.index, { name: r.row.first_name.value }); if (r.index === 150) console.warn('half'); return r; }"],
            BeforeFinishCallback = "(data) => { console.error('done', data.length); }",
        }, Contacts, Limits(parallelism: 3));
        var rows = Enumerable.Range(0, 300).Select(i => Row(i, "n" + i, "x")).ToList();

        hooks.RunRowHooks(rows, HookMode.Init);
        hooks.RunBeforeFinish(Data, Metadata);

        var log = hooks.ConsoleLog;
        Assert.Equal(302, log.Count);
        Assert.Equal("""[rowHooks[0] row 0] log: row 0 {"name":"n0"}""", log[0]);
        Assert.Equal("[rowHooks[0] row 150] warn: half", log[151]);
        Assert.Equal("""[rowHooks[0] row 299] log: row 299 {"name":"n299"}""", log[300]);
        Assert.Equal("[beforeFinishCallback] error: done 2", log[301]);
    }

    [Fact]
    public void Console_output_past_the_cap_is_counted_not_kept()
    {
        using var hooks = Compile(new HookDefinitions { RowHooks = ["(r) => { for (let i = 0; i < 1000; i++) console.log('x'.repeat(100)); return r; }"] },
            Contacts, Limits(parallelism: 1, consoleBytes: 1000));

        hooks.RunRowHooks([Row(0, "a", "b"), Row(1, "c", "d")], HookMode.Init);

        var log = hooks.ConsoleLog;
        Assert.True(log.Take(log.Count - 1).Sum(l => l.Length + 1) <= 1000);
        Assert.Matches(@"^\.\.\. \d+ more bytes dropped$", log[^1]);
        Assert.True(long.Parse(log[^1].Split(' ')[1]) > 200_000);
    }

    [Fact]
    public void A_cyclic_object_is_logged_without_failing_the_hook()
    {
        using var hooks = RowHooks(Contacts, "(r) => { const o = {}; o.self = o; console.info(o); return r; }");

        hooks.RunRowHooks([Row(0, "a", "b")], HookMode.Init);

        Assert.Equal("[rowHooks[0] row 0] info: [object that cannot be shown as JSON]", Assert.Single(hooks.ConsoleLog));
    }
}
