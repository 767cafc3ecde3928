using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Hooks.HookTestKit;

namespace ImportOperator.Engine.Tests.Hooks;

public class HookCompileTests
{
    private static SchemaProblems CompileProblems(HookDefinitions hooks)
    {
        var problems = new SchemaProblems();
        using var _ = CompiledHooks.Compile(hooks, Fields("first_name", "email"), FastLimits, problems);
        return problems;
    }

    [Theory]
    [InlineData("(record) => { return {row: ; }", "line 1, column 28")]
    [InlineData("(record, mode) => {\n  const x = ;\n  return record;\n}", "line 2, column 13")]
    [InlineData("function fix(record) {\n  return record\n  }}", "line 3, column 4")]
    public void A_row_hook_that_does_not_parse_is_a_schema_problem_with_line_and_column(string source, string position)
    {
        var problems = CompileProblems(new HookDefinitions { RowHooks = ["(r) => r", source] });

        var problem = Assert.Single(problems.All);
        Assert.Equal("hooks.rowHooks[1]", problem.Path);
        Assert.Contains("does not parse", problem.Message);
        Assert.Contains(position, problem.Message);
    }

    [Fact]
    public void Each_hook_kind_is_reported_at_its_own_path()
    {
        var problems = CompileProblems(new HookDefinitions
        {
            ColumnHooks = [new() { FieldName = "email", Callback = "(values) => [" }],
            BulkRowHooks = ["(records) => {"],
            BeforeFinishCallback = "(data, metadata) => { return }}",
        });

        Assert.Equal(["hooks.columnHooks[0].callback", "hooks.bulkRowHooks[0]", "hooks.beforeFinishCallback"],
            problems.All.Select(p => p.Path));
    }

    [Fact]
    public void A_column_hook_on_a_field_that_does_not_exist_is_a_schema_problem()
    {
        var problems = CompileProblems(new HookDefinitions
        {
            ColumnHooks = [new() { FieldName = "phone", Callback = "(values) => []" }],
        });

        var problem = Assert.Single(problems.All);
        Assert.Equal("hooks.columnHooks[0].fieldName", problem.Path);
        Assert.Contains("'phone' is not a field key (fields: first_name, email)", problem.Message);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("record.row")]
    [InlineData("const x = 1;")]
    [InlineData("function a(r) { return r } function b(r) { return r }")]
    [InlineData("   ")]
    public void A_source_that_is_not_one_function_is_a_schema_problem(string source)
    {
        var problems = CompileProblems(new HookDefinitions { RowHooks = [source] });

        Assert.Equal("hooks.rowHooks[0]", Assert.Single(problems.All).Path);
    }

    [Theory]
    [InlineData("(record, mode) => record")]
    [InlineData("function (record) { return record; }")]
    [InlineData("async (record) => record")]
    [InlineData("async function (record) { return record; }")]
    [InlineData("function normalise(record) { return record; }")]
    [InlineData("const suffix = '!';\nfunction normalise(record) { return record; }")]
    [InlineData("(record) => record // trailing comment")]
    [InlineData("(record) => { return record; };\n")]
    public void Function_expressions_and_a_single_named_function_compile(string source)
    {
        var problems = CompileProblems(new HookDefinitions { RowHooks = [source] });

        Assert.False(problems.Any, problems.ToString());
    }

    [Fact]
    public void Has_flags_and_column_hook_fields_follow_the_definitions()
    {
        using var hooks = Compile(new HookDefinitions
        {
            ColumnHooks = [new() { FieldName = "email", Callback = "(v) => []" }, new() { FieldName = "first_name", Callback = "(v) => []" }],
            RowHooks = ["(r) => r"],
        }, Fields("first_name", "email"));

        Assert.True(hooks.HasColumnHooks);
        Assert.True(hooks.HasRowHooks);
        Assert.False(hooks.HasBulkRowHooks);
        Assert.False(hooks.HasBeforeFinish);
        Assert.Equal(["first_name", "email"], hooks.ColumnHookFields);
    }
}
