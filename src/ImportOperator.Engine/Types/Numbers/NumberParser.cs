using System.Globalization;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>
/// number: reads the cell with <see cref="NumberText"/> under typeOptions.locale (default en-US), rounds to
/// typeOptions.round decimal places (midpoint away from zero), then checks min and max (inclusive) against the
/// rounded value, which is the value the result holds.
/// </summary>
internal sealed class NumberParser : IFieldTypeParser
{
    /// <summary>Math.Round on decimals goes to 28 places, but a double carries only 15-17 significant digits.</summary>
    private const int MaxRound = 15;

    private readonly LocaleConventions _locale;
    private readonly double? _min;
    private readonly double? _max;
    private readonly int? _round;

    private NumberParser(LocaleConventions locale, double? min, double? max, int? round)
    {
        _locale = locale;
        _min = min;
        _max = max;
        _round = round;
    }

    public static IFieldTypeParser? Create(TypeOptions? options, string optionsPath, SchemaProblems problems)
    {
        var valid = true;
        var locale = Locales.Default;
        if (options?.Locale is { } name && !Locales.TryGet(name, out locale))
        {
            problems.Add(optionsPath + ".locale", Locales.UnknownLocaleMessage(name));
            valid = false;
        }
        if (options?.Min is { } min && options.Max is { } max && min > max)
        {
            problems.Add(optionsPath + ".min", $"min ({Format(min)}) is greater than max ({Format(max)})");
            valid = false;
        }
        if (options?.Round is { } round and (< 0 or > MaxRound))
        {
            problems.Add(optionsPath + ".round", $"round must be between 0 and {MaxRound} decimal places, not {round}");
            valid = false;
        }
        return valid ? new NumberParser(locale, options?.Min, options?.Max, options?.Round) : null;
    }

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        result = default;
        if (!NumberText.TryRead(text, _locale, out var value))
        {
            error = ParseMessages.NotA(text, "a valid number");
            return false;
        }
        if (_round is { } places) value = RoundAwayFromZero(value, places);
        if (value < _min)
        {
            error = $"'{ParseMessages.Quote(text)}' is less than the minimum of {Format(_min.Value)}.";
            return false;
        }
        if (value > _max)
        {
            error = $"'{ParseMessages.Quote(text)}' is greater than the maximum of {Format(_max.Value)}.";
            return false;
        }

        result = CellValue.FromNumber(value);
        error = null;
        return true;
    }

    private static double RoundAwayFromZero(double value, int places)
    {
        // Rounding in decimal gives 2.675 -> 2.68 as written, where binary doubles would give 2.67.
        const double DecimalRange = 7.9e27;
        if (Math.Abs(value) >= DecimalRange) return Math.Round(value, places, MidpointRounding.AwayFromZero);
        return (double)Math.Round((decimal)value, places, MidpointRounding.AwayFromZero);
    }

    private static string Format(double bound) => bound.ToString("R", CultureInfo.InvariantCulture);
}
