namespace ImportOperator.Engine.Types;

/// <summary>A US state, the District of Columbia or an inhabited territory (plus the Minor Outlying Islands).</summary>
internal sealed record UsState(string Code, string Name);

/// <summary>
/// The 50 states, DC, and the territories with an ISO 3166-2:US code (PR, GU, VI, AS, MP, UM). Not accepted:
/// military "states" (AA, AE, AP) and the freely associated states (FM, MH, PW), which are other countries.
/// </summary>
internal static class UsStates
{
    // code | name | aliases...
    private const string Rows = """
        AL|Alabama
        AK|Alaska
        AZ|Arizona
        AR|Arkansas
        CA|California
        CO|Colorado
        CT|Connecticut
        DE|Delaware
        FL|Florida
        GA|Georgia
        HI|Hawaii|Hawai'i
        ID|Idaho
        IL|Illinois
        IN|Indiana
        IA|Iowa
        KS|Kansas
        KY|Kentucky
        LA|Louisiana
        ME|Maine
        MD|Maryland
        MA|Massachusetts
        MI|Michigan
        MN|Minnesota
        MS|Mississippi
        MO|Missouri
        MT|Montana
        NE|Nebraska
        NV|Nevada
        NH|New Hampshire
        NJ|New Jersey
        NM|New Mexico
        NY|New York|New York State
        NC|North Carolina
        ND|North Dakota
        OH|Ohio
        OK|Oklahoma
        OR|Oregon
        PA|Pennsylvania
        RI|Rhode Island
        SC|South Carolina
        SD|South Dakota
        TN|Tennessee
        TX|Texas
        UT|Utah
        VT|Vermont
        VA|Virginia
        WA|Washington|Washington State
        WV|West Virginia
        WI|Wisconsin
        WY|Wyoming
        DC|District of Columbia|Washington DC|Washington, D.C.
        PR|Puerto Rico
        GU|Guam
        VI|U.S. Virgin Islands|Virgin Islands|United States Virgin Islands|USVI
        AS|American Samoa
        MP|Northern Mariana Islands|CNMI
        UM|U.S. Minor Outlying Islands|United States Minor Outlying Islands
        """;

    public static readonly FoldedNameIndex<UsState> Index;

    static UsStates()
    {
        var names = new List<(string, UsState)>();
        foreach (var row in Rows.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = row.Split('|');
            var state = new UsState(parts[0], parts[1]);
            foreach (var name in parts) names.Add((name, state));
        }
        Index = new FoldedNameIndex<UsState>(names);
    }
}
