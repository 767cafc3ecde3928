using System.ComponentModel;

namespace ImportOperator.Engine.Schema;

/// <summary>Options of a field type. Each type reads only the options that apply to it.</summary>
public sealed class TypeOptions
{
    [Description("number: the locale whose separators numbers use (e.g. en-US '1,234.56', de-DE or fr-FR '1 234,56'). date: a locale whose order is day-first (e.g. en-GB, de-DE) reads 01/02/2024 as 1 February.")]
    public string? Locale { get; set; }

    [Description("number: the smallest allowed value (inclusive).")]
    public double? Min { get; set; }

    [Description("number: the largest allowed value (inclusive).")]
    public double? Max { get; set; }

    [Description("number: round the result to this many decimal places (0 gives an integer).")]
    public int? Round { get; set; }

    [Description("domain: whether subdomains such as mail.example.com are accepted (default true).")]
    public bool? AllowSubdomains { get; set; }

    [Description("select and multi-select: accept values that match no option, kept as written.")]
    public bool? AllowCustom { get; set; }

    [Description("multi-select: the separator between values in a cell (default ',').")]
    public string? Delimiter { get; set; }

    [Description("phone-number: ISO 3166 alpha-2 country used for national numbers (default US).")]
    public string? Country { get; set; }

    [Description("country: '2-letter' (default, ISO 3166 alpha-2) or '3-letter' (alpha-3) result values.")]
    public string? Format { get; set; }
}
