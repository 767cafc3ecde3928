using ImportOperator.Cli.Import;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary>Bad arguments exit 1 with a message naming the flag at fault, before anything touches a cluster.</summary>
public sealed class ArgumentTests
{
    static readonly string Missing = Path.Combine(Path.GetTempPath(), "no-such-kubeconfig-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("--file", "submit", "--schema", "contacts")]
    [InlineData("--schema NAME or --fields FILE", "submit", "--file", "{csv}")]
    [InlineData("either --schema or --fields", "submit", "--schema", "contacts", "--fields", "{csv}", "--file", "{csv}")]
    [InlineData("--file nowhere.csv: no such file", "submit", "--schema", "contacts", "--file", "nowhere.csv")]
    [InlineData("--settings bogus=1: unknown setting 'bogus'", "submit", "--schema", "contacts", "--file", "{csv}", "--settings", "bogus=1")]
    [InlineData("unknown setting 'matchingStep.headerRow'", "submit", "--schema", "contacts", "--file", "{csv}", "--settings", "matchingStep.headerRow=2")]
    [InlineData("--settings maxRecords=many: expected a whole number", "submit", "--schema", "contacts", "--file", "{csv}", "--settings", "maxRecords=many")]
    [InlineData("--settings allowEmptySubmit=yes: expected true or false", "submit", "--schema", "contacts", "--file", "{csv}", "--settings", "allowEmptySubmit=yes")]
    [InlineData("--settings maxRecords: expected key=value", "submit", "--schema", "contacts", "--file", "{csv}", "--settings", "maxRecords")]
    [InlineData("either --name or --generate-name", "submit", "--schema", "contacts", "--file", "{csv}", "--name", "a", "--generate-name", "b-")]
    [InlineData("--fields nowhere.yaml: no such file", "submit", "--fields", "nowhere.yaml", "--file", "{csv}")]
    [InlineData("xml", "get", "x", "-o", "xml")]
    [InlineData("--kubeconfig {missing}: no such file", "get", "x", "--kubeconfig", "{missing}")]
    [InlineData("--kubeconfig {missing}: no such file", "submit", "--schema", "contacts", "--file", "{csv}", "--kubeconfig", "{missing}")]
    [InlineData("Required argument missing for command: 'logs'", "logs")]
    public async Task Bad_arguments_exit_1_naming_the_flag(string expectedMessage, params string[] args)
    {
        var run = await VerbRun.RunAsync(args.Select(Expand).ToArray());

        Assert.True(run.Exit == ImportExitCodes.BadArguments, run.ToString());
        Assert.Contains(Expand(expectedMessage), run.Error);
    }

    [Fact]
    public async Task A_fields_file_with_an_unknown_field_property_is_refused_naming_the_file_and_the_property()
    {
        var folder = VerbRun.NewFolder();
        var fields = VerbRun.WriteFile(folder, "fields.yaml", "- key: name\n  label: Name\n  colour: blue\n");

        var run = await VerbRun.RunAsync("submit", "--fields", fields, "--file", Samples.ContactsCsvPath);

        Assert.Equal(ImportExitCodes.BadArguments, run.Exit);
        Assert.Contains($"--fields {fields}", run.Error);
        Assert.Contains("unknown field 'colour'", run.Error);
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("get")]
    [InlineData("results")]
    [InlineData("logs")]
    [InlineData("retry")]
    public async Task Every_verb_has_help_with_examples(string verb)
    {
        var run = await VerbRun.RunAsync(verb, "--help");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("Examples:", run.Out);
        Assert.Contains($"import-operator import {verb} ", run.Out);
        Assert.Contains("--kubeconfig", run.Out);
        Assert.Contains("--namespace", run.Out);
    }

    static string Expand(string text) => text.Replace("{csv}", Samples.ContactsCsvPath).Replace("{missing}", Missing);
}
