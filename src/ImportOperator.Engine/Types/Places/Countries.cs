namespace ImportOperator.Engine.Types;

/// <summary>One ISO 3166-1 country (or Kosovo): its two result forms.</summary>
internal sealed record Country(string Alpha2, string Alpha3, string Name);

/// <summary>Every country of <see cref="CountryTable"/>, found by code, name or alias.</summary>
internal static class Countries
{
    public static readonly IReadOnlyList<Country> All;

    public static readonly FoldedNameIndex<Country> Index;

    static Countries()
    {
        var all = new List<Country>();
        var names = new List<(string, Country)>();
        foreach (var row in CountryTable.Rows.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = row.Split('|');
            var country = new Country(parts[0], parts[1], parts[2]);
            all.Add(country);
            foreach (var name in parts) names.Add((name, country));
        }
        All = all;
        Index = new FoldedNameIndex<Country>(names);
    }
}
