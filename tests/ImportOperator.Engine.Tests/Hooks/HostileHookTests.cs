using System.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

/// <summary>
/// Untrusted hooks: each ends the import FAILED (or cleanly) within seconds, and a new CompiledHooks afterwards
/// still works.
/// </summary>
public class HostileHookTests
{
    private static readonly List<FieldDefinition> Contacts = Fields("first_name", "last_name");

    private static string FailsQuickly(string source, HookSandboxOptions? options = null)
    {
        var watch = Stopwatch.StartNew();
        string message;
        using (var hooks = Compile(new HookDefinitions { RowHooks = [source] }, Contacts, options))
            message = Fails(() => hooks.RunRowHooks([Row(3, "Zeph", "Paul")], HookMode.Init)).Message;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        AssertNextImportStillWorks();
        return message;
    }

    private static void AssertNextImportStillWorks()
    {
        using var hooks = RowHooks(Contacts, "(r) => ({ row: { first_name: { value: [1, 2].map(x => x * 2).join('-') } } })");
        var row = Row(0, "a", "b");
        hooks.RunRowHooks([row], HookMode.Init);
        Assert.Equal("2-4", row.Values[0].ToText());
    }

    [Theory]
    [InlineData("(r) => { while (true) {} }")]
    [InlineData("(r) => { for (;;) { try { for (;;) {} } catch (e) {} } }")]
    [InlineData("(r) => { for (;;) { try { for (;;) {} } finally { for (;;) {} } } }")]
    [InlineData("async (r) => { for (;;) { await null; } }")]
    [InlineData("(r) => { /(a+)+$/.test('a'.repeat(40) + 'b'); return r; }")]
    public void An_endless_loop_is_stopped_at_the_time_limit_of_one_call(string source)
    {
        // The awaiting loop allocates a promise job per turn: with the default 32 MiB of the test limits it could
        // reach the memory limit first on a fast run, and this test is about the time limit.
        var message = FailsQuickly(source, Limits(memoryBytes: 1L << 30));

        Assert.Contains("ran longer than 0.5 s, the time limit of one hook call", message);
        Assert.StartsWith("rowHooks[0]", message);
    }

    [Fact]
    public void The_time_budget_of_the_import_is_summed_over_calls()
    {
        using var hooks = Compile(new HookDefinitions { RowHooks = ["(r) => { const end = Date.now() + 40; while (Date.now() < end) {} return r; }"] },
            Contacts, Limits(parallelism: 1, timeoutPerCallMs: 1000, timeoutPerImportMs: 300));
        var rows = Enumerable.Range(0, 50).Select(i => Row(i, "a", "b")).ToList();

        var message = Fails(() => hooks.RunRowHooks(rows, HookMode.Init)).Message;

        Assert.Contains("the hooks of this import ran longer than 0.3 s in total", message);
    }

    [Theory]
    [InlineData("(r) => { const a = []; for (;;) a.push({ text: 'x'.repeat(100) + a.length }); }")]
    [InlineData("(r) => { let s = 'ab'; for (;;) { try { s = s + s + s.length; } catch (e) {} } }")]
    [InlineData("(r) => { const a = new Array(1e9).fill(0); return r; }")]
    public void Unbounded_allocation_is_stopped_at_the_memory_limit(string source)
    {
        var message = FailsQuickly(source, Limits(timeoutPerCallMs: 10_000));

        Assert.True(message.Contains("allocated more than 32 MiB, the memory limit of one hook call")
                    || message.Contains("RangeError"), message);
    }

    [Theory]
    [InlineData("(r) => { const f = (n) => f(n + 1) + 1; return f(0); }")]
    [InlineData("(r) => { const f = (n) => [n].map(() => f(n + 1)); return f(0); }")]
    public void Deep_recursion_is_stopped_at_the_recursion_limit(string source)
    {
        var message = FailsQuickly(source);

        Assert.Contains("it nested more than 256 function calls, the recursion limit", message);
    }

    [Theory]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("clrHelper.typeOf(1)")]
    [InlineData("require('fs')")]
    [InlineData("process.env")]
    [InlineData("setTimeout(() => {}, 1)")]
    [InlineData("host.type('System.IO.File')")]
    public void Paths_to_the_host_do_not_exist(string expression)
    {
        var message = FailsQuickly($"(r) => {{ {expression}; return r; }}");

        Assert.Contains("threw at row 3: ReferenceError:", message);
    }

    [Fact]
    public void No_global_reveals_a_host_object()
    {
        using var hooks = RowHooks(Contacts,
            "(r) => ({ row: { first_name: { value: Object.getOwnPropertyNames(globalThis).filter(n => /clr|import|system|require|process|host|timeout|interval|fetch/i.test(n)).join(',') } } })");
        var row = Row(0, "a", "b");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal("", row.Values[0].ToText());
    }

    [Theory]
    [InlineData("(r) => { Array.prototype.map = () => 'broken'; return r; }")]
    [InlineData("(r) => { Object.prototype.injected = 1; return r; }")]
    [InlineData("(r) => { Object.defineProperty(Object.prototype, 'row', { get() { return {}; } }); return r; }")]
    [InlineData("(r) => { Object.setPrototypeOf(Array.prototype, null); return r; }")]
    [InlineData("(r) => { JSON.stringify = () => 'x'; return r; }")]
    [InlineData("(r) => { globalThis.shared = 1; return r; }")]
    [InlineData("(r) => { delete Array.prototype.map; return r; }")]
    public void Replacing_a_built_in_fails_clearly(string source)
    {
        var message = FailsQuickly(source);

        Assert.Contains("threw at row 3: TypeError:", message);
    }

    [Fact]
    public void A_built_in_replacement_attempt_cannot_break_later_rows()
    {
        // The hook swallows its own failure; later rows still see the real Array.prototype.map.
        using var hooks = RowHooks(Contacts,
            "(r) => { try { Array.prototype.map = () => ['broken']; } catch (e) {} return { row: { first_name: { value: [r.index].map(x => 'ok' + x)[0] } } }; }");
        var rows = Enumerable.Range(0, 3).Select(i => Row(i, "a", "b")).ToList();

        hooks.RunRowHooks(rows, HookMode.Init);

        Assert.Equal(["ok0", "ok1", "ok2"], rows.Select(r => r.Values[0].ToText()));
    }

    [Fact]
    public void A_hook_cannot_keep_state_on_its_own_function_object()
    {
        var message = FailsQuickly("function counter(r) { counter.calls = (counter.calls || 0) + 1; return r; }");

        Assert.Contains("TypeError", message);
    }

    [Fact]
    public void A_hook_setting_up_an_endless_loop_in_its_source_is_stopped()
    {
        using var hooks = RowHooks(Contacts, "while (true) {}\nfunction f(r) { return r; }");

        var message = Fails(() => hooks.RunRowHooks([Row(0, "a", "b")], HookMode.Init)).Message;

        Assert.Equal("rowHooks[0] was stopped while its source was evaluated: it ran longer than 0.5 s, the time limit of one hook call", message);
        AssertNextImportStillWorks();
    }

    [Fact]
    public void Nesting_values_deeper_than_the_stack_allows_fails_instead_of_crashing()
    {
        var message = FailsQuickly("(r) => { JSON.parse('['.repeat(100000) + ']'.repeat(100000)); return r; }");

        Assert.Contains("threw at row 3", message);
    }

    [Theory]
    [InlineData("String(a)")]
    [InlineData("a.join(',')")]
    [InlineData("'' + a")]
    public void Converting_arrays_nested_absurdly_deep_is_stopped_at_the_recursion_limit(string conversion)
    {
        // Each nested conversion is a call (as in Node, where it ends in "Maximum call stack size exceeded").
        // A generous time limit: on a loaded machine building 100,000 nested arrays must not hit the clock first.
        var message = FailsQuickly($"(r) => {{ let a = []; for (let i = 0; i < 100000; i++) a = [a]; {conversion}; return r; }}", Limits(timeoutPerCallMs: 10_000));

        Assert.Equal("rowHooks[0] was stopped at row 3: it nested more than 256 function calls, the recursion limit", message);
    }

    [Fact]
    public void Guarded_array_conversions_still_behave_as_usual()
    {
        using var hooks = RowHooks(Contacts,
            "(r) => ({ row: { first_name: { value: [String([1, [2, 3]]), [4, 5].join('-'), [6].toString(), Array.prototype.join.name, [7, 8].join.length].join('|') } } })");
        var row = Row(0, "a", "b");

        hooks.RunRowHooks([row], HookMode.Init);

        Assert.Equal("1,2,3|4-5|6|join|1", row.Values[0].ToText());
    }

    [Theory]
    [InlineData("async (r) => { await import('fs'); return r; }")]
    [InlineData("async (r) => { await import('./other-hook.js'); return r; }")]
    public void Modules_cannot_be_imported(string source)
    {
        var message = FailsQuickly(source);

        Assert.Equal("rowHooks[0] threw at row 3: import() is not available: hooks cannot load modules", message);
    }

    [Fact]
    public void The_function_constructor_reaches_only_the_frozen_sandbox()
    {
        var message = FailsQuickly("(r) => { Function('return this')().leak = 1; return r; }");

        Assert.Contains("TypeError", message);
    }
}
