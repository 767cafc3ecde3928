using ImportOperator.Engine.Matching;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Tests.Matching;

public class HeaderMatcherTests
{
    private static FieldDefinition Field(string key, string label, params string[] alternates) =>
        new() { Key = key, Label = label, AlternateMatches = alternates.Length == 0 ? null : [.. alternates] };

    private static readonly FieldDefinition[] Contacts =
    [
        Field("first_name", "First Name", "given name"),
        Field("last_name", "Last Name"),
        Field("email", "Email", "e-mail address"),
        Field("company", "Company"),
    ];

    private static string?[] MappedHeaders(ColumnMapping mapping) =>
        mapping.ColumnsByField.Select(columns => columns.Length == 0 ? null : mapping.Headers[columns[0]]).ToArray();

    [Theory]
    [InlineData("first_name", MatchTier.ExactKey)]
    [InlineData("First Name", MatchTier.ExactLabel)]
    [InlineData("Given Name", MatchTier.AlternateMatch)]
    [InlineData("FIRST-NAME", MatchTier.Normalized)]
    [InlineData("first  name:", MatchTier.Normalized)]
    [InlineData("Frist Name", MatchTier.Fuzzy)]
    public void Each_tier_maps_the_header_to_the_field(string header, MatchTier tier)
    {
        var mapping = HeaderMatcher.Match([header], Contacts, fuzzy: true);

        Assert.Equal([0], mapping.ColumnsByField[0]);
        Assert.Equal(tier, mapping.TierByField[0]);
    }

    [Fact]
    public void A_stronger_tier_wins_even_when_its_column_comes_later()
    {
        // "Emial" would fuzzily match email, but the exact label further right must take the field.
        var mapping = HeaderMatcher.Match(["Emial", "Email"], Contacts, fuzzy: true);

        Assert.Equal([1], mapping.ColumnsByField[2]);
        Assert.Equal([0], mapping.UnmappedColumns);
    }

    [Fact]
    public void Fuzzy_matching_can_be_switched_off()
    {
        var mapping = HeaderMatcher.Match(["Frist Name", "Compnay"], Contacts, fuzzy: false);

        Assert.All(mapping.ColumnsByField, columns => Assert.Empty(columns));
    }

    [Theory]
    [InlineData("Status", "state")]     // different words that share letters
    [InlineData("Page", "age")]         // one letter away from a short name
    [InlineData("Notes", "company")]
    public void Fuzzy_matching_refuses_different_words(string header, string key)
    {
        var mapping = HeaderMatcher.Match([header], [Field(key, key)], fuzzy: true);

        Assert.Empty(mapping.ColumnsByField[0]);
    }

    [Fact]
    public void A_field_takes_one_column_unless_it_is_many_to_one()
    {
        FieldDefinition[] fields = [new() { Key = "tag", Label = "Tag", ManyToOne = true, AlternateMatches = ["tag 1", "tag 2"] }, Field("name", "Name")];

        var mapping = HeaderMatcher.Match(["Tag 2", "Name", "Tag 1", "Tag"], fields, fuzzy: true);

        Assert.Equal([0, 2, 3], mapping.ColumnsByField[0]);
        Assert.Equal([1], mapping.ColumnsByField[1]);
    }

    [Fact]
    public void Columns_matching_no_field_are_reported_unmapped_in_column_order()
    {
        var mapping = HeaderMatcher.Match(["Notes", "email", "Shoe size", "Last Name"], Contacts, fuzzy: true);

        Assert.Equal(new[] { null, "Last Name", "email", null }, MappedHeaders(mapping).AsEnumerable());
        Assert.Equal([0, 2], mapping.UnmappedColumns);
    }

    [Theory]
    [InlineData("email", "emial", 0.8)]
    [InlineData("company", "compnay", 0.857)]
    [InlineData("state", "status", 0.667)]
    public void Similarity_is_one_minus_edits_over_length(string a, string b, double expected)
    {
        Assert.Equal(expected, StringSimilarity.Similarity(a, b), 3);
    }
}
