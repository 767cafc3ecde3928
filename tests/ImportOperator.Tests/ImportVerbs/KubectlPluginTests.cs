using ImportOperator.Cli.Import;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary>kubectl finds plugins by file name; only the name kubectl-import makes the import verbs top-level.</summary>
public sealed class KubectlPluginTests
{
    [Theory]
    [InlineData("kubectl-import", true)]
    [InlineData("/usr/local/bin/kubectl-import", true)]
    [InlineData(@"C:\tools\kubectl-import.exe", true)]
    [InlineData("/usr/local/bin/import-operator", false)]
    [InlineData("kubectl-import-operator", false)]
    [InlineData(null, false)]
    public void Only_the_plugin_name_is_recognised(string? invokedAs, bool expected) =>
        Assert.Equal(expected, KubectlPlugin.IsPluginName(invokedAs?.Replace('\\', Path.DirectorySeparatorChar)));

    [Theory]
    [InlineData("Contacts 2026_11", "contacts-2026-11-")]
    [InlineData("---", "import-")]
    [InlineData("Ünïcode", "n-code-")]
    public void Generated_names_start_with_a_clean_prefix(string stem, string prefix) =>
        Assert.Equal(prefix, ImportNames.PrefixFrom(stem));
}
