using ImportOperator.Cli.Import;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary>--settings key=value: dotted keys, values read by the setting's type, unknown keys refused by name.</summary>
public sealed class SettingsArgumentsTests
{
    [Fact]
    public void Dotted_keys_and_typed_values_become_the_import_settings()
    {
        var settings = SettingsArguments.Parse([
            "invalidDataBehavior=BLOCK_SUBMIT", "maxRecords=100", "matchingStep.headerRowOverride=2", "matchingStep.fuzzyMatchHeaders=false",
            "delimiter=';'", "importIdentifier=\"2026\"", "processing.resources.limits.memory=1Gi", "uploadStep={\"sheetOverride\": \"Q3\"}",
        ])!;

        Assert.Equal(InvalidDataBehaviors.BlockSubmit, settings.InvalidDataBehavior);
        Assert.Equal(100, settings.MaxRecords);
        Assert.Equal(2, settings.MatchingStep!.HeaderRowOverride);
        Assert.False(settings.MatchingStep.FuzzyMatchHeaders);
        Assert.Equal(";", settings.Delimiter);
        Assert.Equal("2026", settings.ImportIdentifier);
        Assert.Equal("1Gi", settings.Processing!.Resources!.Limits!["memory"]);
        Assert.Equal("Q3", settings.UploadStep!.SheetOverride);
    }

    [Fact]
    public void No_settings_leave_the_spec_without_settings() => Assert.Null(SettingsArguments.Parse([]));

    [Fact]
    public void The_last_value_of_a_repeated_key_wins() =>
        Assert.Equal(7, SettingsArguments.Parse(["maxRecords=3", "maxRecords=7"])!.MaxRecords);

    [Theory]
    [InlineData("invalidBehavior=X", "unknown setting 'invalidBehavior'", "invalidDataBehavior")]
    [InlineData("matchingStep.header=1", "unknown setting 'matchingStep.header'", "headerRowOverride")]
    [InlineData("maxRecords.x=1", "--settings maxRecords.x=1: 'maxRecords' is a single value", "no 'x'")]
    [InlineData("uploadStep=[1]", "uploadStep=[1]: expected a JSON object", "uploadStep.<name>")]
    public void Unknown_or_misshapen_keys_are_refused_with_what_is_known(string pair, string message, string hint)
    {
        var error = Assert.Throws<UsageException>(() => SettingsArguments.Parse([pair]));

        Assert.Contains(message, error.Message);
        Assert.Contains(hint, error.Message);
        Assert.StartsWith("--settings", error.Message);
    }
}
