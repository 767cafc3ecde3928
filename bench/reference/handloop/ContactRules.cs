using System.Globalization;
using System.Text.RegularExpressions;

namespace HandLoop;

/// <summary>The workload's rules, written for these ten columns only (as v8-anchor.js does).</summary>
internal sealed partial class ContactRules(string[] header)
{
    private static readonly HashSet<string> Countries = [.. ("US GB DE FR IT ES NL SE NO DK PL CZ JP CN IN BR MX CA AU NZ ZA NG KE EG " +
        "AR CL CO PE PT IE BE AT CH FI GR HU RO BG HR SI SK TR IL AE SA SG KR TH VN ID").Split(' ')];

    private static readonly HashSet<string> Plans = ["free", "pro", "enterprise"];

    private readonly HashSet<string> _seenEmails = new(StringComparer.Ordinal);
    private readonly int _first = Array.IndexOf(header, "first_name");
    private readonly int _last = Array.IndexOf(header, "last_name");
    private readonly int _email = Array.IndexOf(header, "email");
    private readonly int _phone = Array.IndexOf(header, "phone");
    private readonly int _date = Array.IndexOf(header, "signup_date");
    private readonly int _country = Array.IndexOf(header, "country");
    private readonly int _plan = Array.IndexOf(header, "plan");

    public int AgeIndex { get; } = Array.IndexOf(header, "age");

    /// <summary>Adds each broken rule to errors; returns the age as a number when it is one.</summary>
    public int? Validate(string[] row, List<string> errors)
    {
        if (row[_first].Length == 0) errors.Add("first_name:required");
        if (row[_last].Length == 0) errors.Add("last_name:required");
        var email = row[_email];
        if (email.Length == 0)
        {
            errors.Add("email:required");
        }
        else
        {
            if (!Email().IsMatch(email)) errors.Add("email:email");
            if (!_seenEmails.Add(email)) errors.Add("email:unique");
        }

        if (!Phone().IsMatch(row[_phone])) errors.Add("phone:regex");
        if (!IsDate(row[_date])) errors.Add("signup_date:date");
        int? age = int.TryParse(row[AgeIndex], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) && a is >= 0 and <= 150 ? a : null;
        if (age is null) errors.Add("age:number");
        if (!Countries.Contains(row[_country])) errors.Add("country:select");
        if (!Plans.Contains(row[_plan])) errors.Add("plan:select");
        return age;
    }

    private static bool IsDate(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-'
        && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
        && int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
        && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{6,19}$")]
    private static partial Regex Phone();
}
