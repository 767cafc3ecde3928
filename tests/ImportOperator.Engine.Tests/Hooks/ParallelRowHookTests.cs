using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

public class ParallelRowHookTests
{
    private const string TypicalHook = """
        (record, mode) => {
          const name = record.row.name.value.trim();
          const out = { row: { name: { value: name.charAt(0).toUpperCase() + name.slice(1).toLowerCase() } } };
          if (!record.row.email.value.includes('@'))
            out.row.email = { info: [{ message: 'Email for ' + name + ' at ' + record.index + ' looks wrong', level: 'warning' }] };
          if (record.index % 7 === 0) out.row.score = { value: Number(record.row.score.value) * 2 };
          return out;
        }
        """;

    private static List<ImportRow> Rows(int count) => Enumerable.Range(0, count)
        .Select(i => Row(i, $"  nAmE{i} ", i % 3 == 0 ? $"user{i}" : $"user{i}@example.com", (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    private static string Snapshot(IEnumerable<ImportRow> rows) => string.Join("\n", rows.Select(r =>
        $"{r.Index}|{string.Join("|", r.Values.Select(v => v.Kind + ":" + v.ToText()))}|" +
        $"{string.Join(";", Enumerable.Range(0, r.Values.Length).Select(i => string.Join(",", r.HookInfo?[i]?.Select(m => m.Level + m.Message) ?? [])))}|" +
        $"{string.Join("", r.Changed?.Select(c => c ? '1' : '0') ?? [])}"));

    [Fact]
    public void Ten_thousand_rows_give_identical_results_on_one_engine_and_on_four()
    {
        var fields = Fields("name", "email", "score");
        var single = Rows(10_000);
        var parallel = Rows(10_000);
        using (var one = Compile(new HookDefinitions { RowHooks = [TypicalHook] }, fields, Limits(parallelism: 1)))
            one.RunRowHooks(single, HookMode.Init);
        using (var four = Compile(new HookDefinitions { RowHooks = [TypicalHook] }, fields, Limits(parallelism: 4)))
            four.RunRowHooks(parallel, HookMode.Init);

        Assert.Equal(Snapshot(single), Snapshot(parallel));
        Assert.Equal("Name0", single[0].Values[0].ToText());
        Assert.Equal(CellValue.FromNumber(21), single[7].Values[2]);
        Assert.Equal("Email for nAmE3 at 3 looks wrong", single[3].HookInfo![1]![0].Message);
    }

    [Fact]
    public void Engines_are_reused_across_batches_of_one_import()
    {
        var fields = Fields("name", "email", "score");
        using var hooks = Compile(new HookDefinitions { RowHooks = [TypicalHook] }, fields, Limits(parallelism: 2));
        var first = Rows(500);
        var second = Rows(500);

        hooks.RunRowHooks(first, HookMode.Init);
        hooks.RunRowHooks(second, HookMode.Init);

        Assert.Equal(Snapshot(first), Snapshot(second));
    }
}
