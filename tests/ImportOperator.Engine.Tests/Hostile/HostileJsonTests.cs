using ImportOperator.Engine.Diagnostics;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>JSON built to exhaust the reader: deep nesting, huge tokens, huge arrays.</summary>
public class HostileJsonTests
{
    [Fact]
    public void Nesting_100k_levels_deep_fails_at_the_depth_limit_without_a_stack_overflow()
    {
        var file = HostileCorpus.DeeplyNestedJson;
        using var run = HostileImport.Run(file);

        var message = run.AssertFailed(OutcomeReasons.UnreadableFile, file);
        Assert.Contains("line 1", message);
        Assert.Contains("depth", message);
    }

    [Fact]
    public void A_huge_string_value_fails_naming_its_place_instead_of_filling_memory()
    {
        var file = HostileCorpus.HugeJsonString();
        using var run = HostileImport.Run(file);

        var message = run.AssertFailed(OutcomeReasons.UnreadableFile, file);
        Assert.Contains("larger than 64 MB", message);
        Assert.Contains("line 1", message);
    }

    [Fact]
    public void A_huge_array_inside_one_cell_fails_naming_the_key()
    {
        var file = HostileCorpus.HugeJsonArrayValue();
        using var run = HostileImport.Run(file);

        var message = run.AssertFailed(OutcomeReasons.UnreadableFile, file);
        Assert.Contains("\"name\"", message);
        Assert.Contains("larger than 64 MB", message);
    }

    [Fact]
    public void A_huge_array_of_numbers_fails_at_its_first_element()
    {
        var file = HostileCorpus.HugeArrayOfScalars();
        using var run = HostileImport.Run(file);

        Assert.Contains("element 1", run.AssertFailed(OutcomeReasons.UnreadableFile, file));
    }
}
