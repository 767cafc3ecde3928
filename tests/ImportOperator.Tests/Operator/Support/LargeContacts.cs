using System.Globalization;
using System.Text;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// A contacts file for samples/contacts-schema.yaml large enough to be split: names in capitals (the sample's row
/// hook changes them), e-mail addresses repeated far apart in another case (the unique_case_insensitive validator
/// must find duplicates across chunks), invalid seats, and notes with quoted commas and line breaks.
/// </summary>
public static class LargeContacts
{
    public static byte[] Csv(int rows, string? hookBreaker = null)
    {
        var text = new StringBuilder("Contacts export (CRM), November 2026\n\nGiven Name,Surname,E-mail Address,Phone,Signup Date,Seats,Country,Plan,Newsletter,Notes\n");
        for (var i = 0; i < rows; i++)
        {
            var first = i % 11 == 0 ? "ADA" : "Grace" + Text(i % 400);
            var last = i == rows - 1 && hookBreaker is not null ? hookBreaker : "Hopper" + Text(i % 97);
            // Every 7,000th row repeats an address from 7,000 rows before, upper-cased: a duplicate in another chunk.
            var email = i >= 7000 && i % 7000 == 3 ? $"USER{i - 7000}@EXAMPLE.COM" : $"user{i}@example.com";
            var seats = i % 113 == 0 ? "many" : Text(1 + i % 500);
            var notes = i % 9 == 0 ? $"\"Met at \"\"DevDays\"\", row {Text(i)}\nwants a demo\"" : "";
            text.Append(CultureInfo.InvariantCulture, $"{first},{last},{email},(415) 555-{Text(1000 + i % 9000)},2024-03-{Text(10 + i % 18)},{seats},United Kingdom,{(i % 3 == 0 ? "Pro" : "free")},{(i % 2 == 0 ? "yes" : "no")},{notes}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
