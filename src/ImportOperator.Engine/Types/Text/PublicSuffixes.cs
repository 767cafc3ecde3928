using System.Collections.Frozen;

namespace ImportOperator.Engine.Types;

/// <summary>
/// A compact list of the common two-label public suffixes (co.uk, com.au, co.jp, ...) under which a registrable
/// domain has three labels. It is not the full Public Suffix List: it covers the suffixes people actually write
/// in business data, which is what the domain type's allowSubdomains=false needs.
/// </summary>
internal static class PublicSuffixes
{
    private static readonly FrozenSet<string> TwoLabelSuffixes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk", "ac.uk", "gov.uk", "nhs.uk", "police.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
        "co.nz", "org.nz", "net.nz", "govt.nz", "ac.nz", "school.nz", "geek.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "gr.jp", "ed.jp",
        "co.kr", "or.kr", "ne.kr", "re.kr", "go.kr", "ac.kr",
        "com.br", "net.br", "org.br", "gov.br", "edu.br",
        "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
        "com.hk", "net.hk", "org.hk", "edu.hk", "gov.hk",
        "com.tw", "net.tw", "org.tw", "edu.tw", "gov.tw",
        "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "edu.in", "gov.in",
        "co.za", "org.za", "net.za", "gov.za", "ac.za", "web.za",
        "com.mx", "org.mx", "gob.mx", "edu.mx", "net.mx",
        "com.ar", "gob.ar", "org.ar", "net.ar", "edu.ar",
        "com.co", "net.co", "org.co", "gov.co", "edu.co",
        "com.sg", "net.sg", "org.sg", "edu.sg", "gov.sg",
        "com.my", "net.my", "org.my", "edu.my", "gov.my",
        "com.ph", "net.ph", "org.ph", "gov.ph", "edu.ph",
        "co.id", "or.id", "ac.id", "go.id", "web.id",
        "co.th", "in.th", "ac.th", "go.th", "or.th",
        "com.tr", "net.tr", "org.tr", "gov.tr", "edu.tr",
        "com.pl", "net.pl", "org.pl",
        "co.il", "org.il", "ac.il", "gov.il",
        "com.sa", "net.sa", "org.sa", "gov.sa", "edu.sa",
        "co.ae", "net.ae", "gov.ae", "ac.ae",
        "com.eg", "co.ke", "or.ke", "com.ng", "org.ng", "gov.ng", "com.pk", "com.vn", "com.ua", "com.pe",
        "com.ve", "com.ec", "com.uy", "co.at", "or.at", "ac.at", "gv.at", "com.es", "nom.es", "org.es",
        "com.pt", "com.gr", "com.ru", "com.qa", "com.kw", "com.bd", "com.np", "com.lk", "co.uz",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        TwoLabelSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many labels the registrable domain of <paramref name="host"/> has: 3 under a listed suffix, else 2.</summary>
    public static int RegistrableLabelCount(ReadOnlySpan<char> host)
    {
        var lastDot = host.LastIndexOf('.');
        if (lastDot <= 0) return 2;
        var secondDot = host[..lastDot].LastIndexOf('.');
        var lastTwoLabels = host[(secondDot + 1)..];
        return Lookup.Contains(lastTwoLabels) ? 3 : 2;
    }
}
