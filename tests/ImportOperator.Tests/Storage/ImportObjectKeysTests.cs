using ImportOperator.Storage;

namespace ImportOperator.Tests.Storage;

public sealed class ImportObjectKeysTests
{
    [Fact]
    public void Keys_follow_namespace_name_uid_layout()
    {
        var keys = ImportObjectKeys.For("team-a", "orders", "3f2c-uid", "Orders 2026 (final).csv");

        Assert.Equal("team-a/orders/3f2c-uid/", keys.Prefix);
        Assert.Equal("team-a/orders/3f2c-uid/input/Orders 2026 (final).csv", keys.Input);
        Assert.Equal("team-a/orders/3f2c-uid/results/data.json", keys.Data);
        Assert.Equal("team-a/orders/3f2c-uid/results/metadata.json", keys.Metadata);
        Assert.Equal("team-a/orders/3f2c-uid/results/summary.json", keys.Summary);
        Assert.Equal("team-a/", ImportObjectKeys.NamespacePrefix("team-a"));
    }

    [Theory]
    [InlineData("../../other-ns/secret.csv", "path separator")]
    [InlineData("../escape.csv", "path separator")]
    [InlineData("/etc/passwd", "path separator")]
    [InlineData("dir\\file.csv", "path separator")]
    [InlineData("..", "relative directory")]
    [InlineData(".", "relative directory")]
    [InlineData("bad\nname.csv", "control character")]
    [InlineData("nul\0.csv", "control character")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public void File_names_that_could_escape_the_input_prefix_are_refused(string fileName, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ImportObjectKeys.For("ns", "imp", "uid", fileName));

        Assert.Contains(reason, error.Message);
        Assert.Equal("originalFileName", error.ParamName);
        Assert.DoesNotContain('\n', error.Message.Replace(Environment.NewLine, ""));
    }

    [Theory]
    [InlineData("", "imp", "uid", "namespace")]
    [InlineData("a/b", "imp", "uid", "namespace")]
    [InlineData("ns", "..", "uid", "name")]
    [InlineData("ns", "imp", "u/id", "uid")]
    public void Segments_that_could_escape_are_refused_naming_the_segment(string ns, string name, string uid, string segment)
    {
        var error = Assert.Throws<ArgumentException>(() => ImportObjectKeys.For(ns, name, uid, "file.csv"));

        Assert.Equal(segment, error.ParamName);
        Assert.Contains($"import's {segment}", error.Message);
    }

    [Fact]
    public void Same_name_in_two_namespaces_gives_disjoint_prefixes()
    {
        var a = ImportObjectKeys.For("ns-a", "orders", "uid-1", "f.csv");
        var b = ImportObjectKeys.For("ns-b", "orders", "uid-2", "f.csv");

        Assert.False(a.Prefix.StartsWith(b.Prefix, StringComparison.Ordinal));
        Assert.False(b.Prefix.StartsWith(a.Prefix, StringComparison.Ordinal));
    }
}
