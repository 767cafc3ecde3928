using System.Collections.Frozen;

namespace ImportOperator.Engine.Types;

/// <summary>
/// The locale names typeOptions.locale accepts (case-insensitive; "de_DE" and a bare language such as "de" are
/// accepted too). A name not listed here is a schema problem rather than a silent fallback.
/// </summary>
internal static class Locales
{
    private const DayMonthOrder Mdy = DayMonthOrder.MonthFirst;
    private const DayMonthOrder Dmy = DayMonthOrder.DayFirst;

    /// <summary>en-US: what a field without typeOptions.locale uses.</summary>
    public static readonly LocaleConventions Default = new("en-US", '.', Mdy);

    private static readonly FrozenDictionary<string, LocaleConventions> ByName = Build(
    [
        Default, new("en-CA", '.', Mdy), new("en-PH", '.', Mdy),
        new("en-GB", '.', Dmy), new("en-AU", '.', Dmy), new("en-NZ", '.', Dmy), new("en-IE", '.', Dmy),
        new("en-SG", '.', Dmy), new("en-IN", '.', Dmy, IndianGrouping: true), new("hi-IN", '.', Dmy, IndianGrouping: true),
        new("en-ZA", ',', Dmy),
        new("de-DE", ',', Dmy), new("de-AT", ',', Dmy), new("de-CH", '.', Dmy), new("de-LU", ',', Dmy),
        new("fr-FR", ',', Dmy), new("fr-BE", ',', Dmy), new("fr-CA", ',', Dmy), new("fr-CH", ',', Dmy), new("fr-LU", ',', Dmy),
        new("it-IT", ',', Dmy), new("it-CH", '.', Dmy),
        new("es-ES", ',', Dmy), new("es-MX", '.', Dmy), new("es-AR", ',', Dmy), new("es-CO", ',', Dmy),
        new("es-CL", ',', Dmy), new("es-PE", '.', Dmy), new("es-US", '.', Mdy),
        new("pt-PT", ',', Dmy), new("pt-BR", ',', Dmy),
        new("nl-NL", ',', Dmy), new("nl-BE", ',', Dmy),
        new("da-DK", ',', Dmy), new("nb-NO", ',', Dmy), new("nn-NO", ',', Dmy), new("sv-SE", ',', Dmy),
        new("fi-FI", ',', Dmy), new("is-IS", ',', Dmy),
        new("pl-PL", ',', Dmy), new("cs-CZ", ',', Dmy), new("sk-SK", ',', Dmy), new("hu-HU", ',', Dmy),
        new("ro-RO", ',', Dmy), new("bg-BG", ',', Dmy), new("hr-HR", ',', Dmy), new("sl-SI", ',', Dmy),
        new("sr-RS", ',', Dmy), new("el-GR", ',', Dmy), new("tr-TR", ',', Dmy),
        new("et-EE", ',', Dmy), new("lv-LV", ',', Dmy), new("lt-LT", ',', Dmy),
        new("ru-RU", ',', Dmy), new("uk-UA", ',', Dmy),
        new("he-IL", '.', Dmy), new("ar-AE", '.', Dmy), new("ar-SA", '.', Dmy),
        new("id-ID", ',', Dmy), new("vi-VN", ',', Dmy), new("th-TH", '.', Dmy), new("ms-MY", '.', Dmy),
        // Year-first locales write 2024/03/27 (read as year-month-day everywhere); for the rare a/b/yyyy they
        // follow the US order, as their English-language software does.
        new("ja-JP", '.', Mdy), new("zh-CN", '.', Mdy), new("zh-TW", '.', Mdy), new("zh-HK", '.', Dmy), new("ko-KR", '.', Mdy),
    ],
    // Bare languages: the locale a spreadsheet in that language most often comes from.
    ("en", "en-US"), ("de", "de-DE"), ("fr", "fr-FR"), ("it", "it-IT"), ("es", "es-ES"), ("pt", "pt-PT"),
    ("nl", "nl-NL"), ("da", "da-DK"), ("nb", "nb-NO"), ("no", "nb-NO"), ("nn", "nn-NO"), ("sv", "sv-SE"),
    ("fi", "fi-FI"), ("is", "is-IS"), ("pl", "pl-PL"), ("cs", "cs-CZ"), ("sk", "sk-SK"), ("hu", "hu-HU"),
    ("ro", "ro-RO"), ("bg", "bg-BG"), ("hr", "hr-HR"), ("sl", "sl-SI"), ("sr", "sr-RS"), ("el", "el-GR"),
    ("tr", "tr-TR"), ("et", "et-EE"), ("lv", "lv-LV"), ("lt", "lt-LT"), ("ru", "ru-RU"), ("uk", "uk-UA"),
    ("he", "he-IL"), ("ar", "ar-SA"), ("id", "id-ID"), ("vi", "vi-VN"), ("th", "th-TH"), ("ms", "ms-MY"),
    ("hi", "hi-IN"), ("ja", "ja-JP"), ("zh", "zh-CN"), ("ko", "ko-KR"), ("invariant", "en-US"));

    /// <summary>Every accepted full locale name, for messages.</summary>
    public static IReadOnlyList<string> Names { get; } = ByName.Values.Select(static locale => locale.Name).Distinct()
        .OrderBy(static name => name != Default.Name).ThenBy(static name => name, StringComparer.Ordinal).ToArray();

    /// <summary>The schema problem message of a locale name that is not listed.</summary>
    public static string UnknownLocaleMessage(string name) => $"unknown locale '{name}'; expected one of {string.Join(", ", Names)}";

    public static bool TryGet(string name, out LocaleConventions locale) =>
        ByName.TryGetValue(name.Trim().Replace('_', '-'), out locale!);

    private static FrozenDictionary<string, LocaleConventions> Build(LocaleConventions[] locales, params (string Alias, string Locale)[] aliases)
    {
        var byName = new Dictionary<string, LocaleConventions>(StringComparer.OrdinalIgnoreCase);
        foreach (var locale in locales) byName.Add(locale.Name, locale);
        foreach (var (alias, target) in aliases) byName.Add(alias, byName[target]);
        return byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
