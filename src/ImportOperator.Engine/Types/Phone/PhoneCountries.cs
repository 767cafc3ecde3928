using System.Collections.Frozen;

namespace ImportOperator.Engine.Types;

/// <summary>
/// Calling codes, trunk prefixes and national number lengths of the countries the phone-number type knows
/// (ISO 3166-1 alpha-2; lengths after libphonenumber's metadata, rounded to a range per country). Countries that
/// share a calling code (+1, +7, +44 ...) are listed with the same code.
/// </summary>
internal static class PhoneCountries
{
    // iso | calling code | trunk prefix | shortest-longest national significant number
    private const string Table = """
        US|1||10-10 CA|1||10-10 PR|1||10-10 GU|1||10-10 VI|1||10-10 AS|1||10-10 MP|1||10-10 DO|1||10-10
        JM|1||10-10 BS|1||10-10 BB|1||10-10 TT|1||10-10 AG|1||10-10 AI|1||10-10 BM|1||10-10 DM|1||10-10
        GD|1||10-10 KN|1||10-10 KY|1||10-10 LC|1||10-10 MS|1||10-10 SX|1||10-10 TC|1||10-10 VC|1||10-10 VG|1||10-10
        GB|44|0|9-10 GG|44|0|9-10 JE|44|0|9-10 IM|44|0|9-10 IE|353|0|7-9 FR|33|0|9-9 DE|49|0|6-13 AT|43|0|4-13
        CH|41|0|9-9 LI|423||7-9 IT|39||6-11 SM|378||6-10 VA|39||6-11 ES|34||9-9 PT|351||9-9 AD|376||6-9
        NL|31|0|9-9 BE|32|0|8-9 LU|352||4-11 MC|377||8-9 DK|45||8-8 NO|47||5-8 SE|46|0|7-10 FI|358|0|5-12
        IS|354||7-9 PL|48||9-9 CZ|420||9-9 SK|421|0|9-9 HU|36|06|8-9 RO|40|0|9-9 BG|359|0|8-9 GR|30||10-10
        CY|357||8-8 MT|356||8-8 SI|386|0|8-8 HR|385|0|8-9 RS|381|0|8-10 BA|387|0|8-9 ME|382|0|8-8 MK|389|0|8-8
        AL|355|0|8-9 TR|90|0|10-10 RU|7|8|10-10 KZ|7|8|10-10 UA|380|0|9-9 BY|375|80|9-9 MD|373|0|8-8
        EE|372||7-8 LV|371||8-8 LT|370|8|8-8 GE|995|0|9-9 AM|374|0|8-8 AZ|994|0|9-9
        IL|972|0|8-9 PS|970|0|8-9 JO|962|0|8-9 LB|961|0|7-8 AE|971|0|8-9 SA|966|0|9-9 QA|974||8-8 KW|965||8-8
        BH|973||8-8 OM|968||8-8 EG|20|0|9-10 MA|212|0|9-9 DZ|213|0|8-9 TN|216||8-8 NG|234|0|8-10 GH|233|0|9-9
        KE|254|0|9-9 UG|256|0|9-9 TZ|255|0|9-9 ET|251|0|9-9 ZA|27|0|9-9 SN|221||9-9 CI|225||10-10 CM|237||9-9
        IN|91|0|10-10 PK|92|0|9-10 BD|880|0|8-10 LK|94|0|9-9 NP|977|0|8-10 CN|86|0|9-11 HK|852||8-8 MO|853||8-8
        TW|886|0|8-9 JP|81|0|9-10 KR|82|0|8-10 SG|65||8-8 MY|60|0|8-10 TH|66|0|8-9 VN|84|0|9-10 ID|62|0|8-12
        PH|63|0|8-10 AU|61|0|9-9 NZ|64|0|8-10 MX|52||10-10 BR|55|0|10-11 AR|54|0|10-11 CL|56||9-9
        CO|57||8-10 PE|51|0|8-9 VE|58|0|10-10 EC|593|0|8-9 UY|598||8-8 PY|595|0|9-9 BO|591|0|8-8 CR|506||8-8
        PA|507||7-8 GT|502||8-8 SV|503||8-8 HN|504||8-8 NI|505||8-8
        """;

    private static readonly FrozenDictionary<string, PhoneCountry> ByIsoCode;
    private static readonly FrozenDictionary<string, PhoneCountry[]> ByCallingCode;

    static PhoneCountries()
    {
        var byIso = new Dictionary<string, PhoneCountry>(StringComparer.OrdinalIgnoreCase);
        var byCode = new Dictionary<string, List<PhoneCountry>>(StringComparer.Ordinal);
        foreach (var entry in Table.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('|');
            var lengths = parts[3].Split('-');
            var country = new PhoneCountry(parts[0], parts[1], parts[2], int.Parse(lengths[0]), int.Parse(lengths[1]));
            byIso.Add(country.IsoCode, country);
            if (!byCode.TryGetValue(country.CallingCode, out var sharing)) byCode[country.CallingCode] = sharing = [];
            sharing.Add(country);
        }
        ByIsoCode = byIso.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        ByCallingCode = byCode.ToFrozenDictionary(static pair => pair.Key, static pair => pair.Value.ToArray(), StringComparer.Ordinal);
        CallingCodeLookup = ByCallingCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static readonly FrozenDictionary<string, PhoneCountry[]>.AlternateLookup<ReadOnlySpan<char>> CallingCodeLookup;

    public static IEnumerable<string> IsoCodes => ByIsoCode.Keys.Order(StringComparer.Ordinal);

    public static bool TryGet(string isoCode, out PhoneCountry country) => ByIsoCode.TryGetValue(isoCode.Trim(), out country!);

    /// <summary>
    /// The countries whose calling code starts <paramref name="digits"/> (calling codes are prefix-free, so at
    /// most one code of 1-3 digits matches), with the length of that code.
    /// </summary>
    public static bool TryMatchCallingCode(ReadOnlySpan<char> digits, out PhoneCountry[] countries, out int codeLength)
    {
        for (codeLength = 1; codeLength <= 3 && codeLength < digits.Length; codeLength++)
        {
            if (CallingCodeLookup.TryGetValue(digits[..codeLength], out countries!)) return true;
        }
        countries = [];
        codeLength = 0;
        return false;
    }
}
