using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Types;

namespace ImportOperator.Engine.Tests.Fuzz;

/// <summary>
/// Every type parser against random strings: it never throws; a value it accepts, formatted back as text the way
/// the engine does (<see cref="CellValue.ToText"/>), parses again to the same value.
/// </summary>
public class TypeParserFuzzTests
{
    private const int CasesPerType = 400;

    /// <summary>Valid-looking seeds per type, which the fuzzer mutates so that the accepting paths are reached too.</summary>
    private static readonly Dictionary<string, string[]> Seeds = new()
    {
        [FieldTypes.String] = ["Ann", " padded "],
        [FieldTypes.Email] = ["ann@example.com", "a.b+c@sub.example.co.uk"],
        [FieldTypes.Url] = ["https://example.com/a?b=c", "example.com"],
        [FieldTypes.Domain] = ["example.com", "sub.example.co.uk"],
        [FieldTypes.Number] = ["1234", "-12.5", "1,234.56", "1e5", "0.1", "(12)", "$3.50", "12%"],
        [FieldTypes.Checkbox] = ["yes", "off", "0", "TRUE"],
        [FieldTypes.Date] = ["2024-03-27", "03/27/2024", "27.03.2024", "Wed, 27 Mar 2024 10:00:00 +0000", "March 27, 2024"],
        [FieldTypes.DateTime] = ["2024-03-27T13:45", "03/27/2024 1:45 PM", "2024-03-27 13:45:30"],
        [FieldTypes.Time] = ["13:45", "1:45 pm", "23:59:59"],
        [FieldTypes.Select] = ["red", "Red", "crimson"],
        [FieldTypes.MultiSelect] = ["red,blue", "Red, crimson"],
        [FieldTypes.PhoneNumber] = ["(415) 555-0123", "+44 20 7946 0958", "415.555.0123 x12"],
        [FieldTypes.Country] = ["US", "USA", "Germany", "deu"],
        [FieldTypes.UsStateTerritory] = ["CA", "US-CA", "California", "Puerto Rico"],
        [FieldTypes.UsZipCode] = ["94105", "342", "94105-1234"],
        [FieldTypes.Ssn] = ["123-45-6789", "123456789"],
        [FieldTypes.Uuid] = ["123e4567-e89b-12d3-a456-426614174000", "{123E4567-E89B-12D3-A456-426614174000}"],
    };

    public static TheoryData<string> Types() => [.. FieldTypes.All];

    [Theory]
    [MemberData(nameof(Types))]
    public void Random_text_never_throws_and_accepted_values_round_trip(string type)
    {
        var parser = Parser(type);
        var seeds = Seeds[type];
        var accepted = 0;
        FuzzSeed.Run(CasesPerType, (random, _) =>
        {
            var text = random.Next(3) switch
            {
                0 => RandomText.Next(random, 40),
                1 => Mutate(random, seeds[random.Next(seeds.Length)]),
                _ => seeds[random.Next(seeds.Length)] + RandomText.Next(random, 3),
            };
            if (string.IsNullOrWhiteSpace(text)) return; // the pipeline never hands a parser an empty cell

            if (!parser.TryParse(text, out var value, out var error))
            {
                Assert.False(string.IsNullOrWhiteSpace(error), $"{type}: '{text}' was rejected without a message");
                return;
            }

            accepted++;
            var formatted = value.ToText();
            if (string.IsNullOrWhiteSpace(formatted)) return; // e.g. a checkbox's false: an empty cell means it too
            Assert.True(parser.TryParse(formatted, out var again, out var againError),
                $"{type}: '{Show(text)}' parsed to '{Show(formatted)}', which is then rejected: {againError}");
            Assert.True(value.Equals(again), $"{type}: '{Show(text)}' → '{Show(formatted)}' → '{Show(again.ToText())}'");
        });

        // A parser that rejected everything would pass the round trip vacuously: the seeds must reach acceptance.
        Assert.True(accepted > CasesPerType / 20, $"[{FuzzSeed.Variable}={FuzzSeed.Value}] {type}: only {accepted} of {CasesPerType} cases were accepted");
    }

    /// <summary>Replaces, inserts or deletes a few characters of a valid-looking value.</summary>
    private static string Mutate(Random random, string seed)
    {
        var chars = seed.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(chars.Count + 1);
            var c = RandomText.Next(random, 1);
            switch (random.Next(3))
            {
                case 0 when at < chars.Count: chars.RemoveAt(at); break;
                case 1 when at < chars.Count && c.Length == 1: chars[at] = c[0]; break;
                default: chars.InsertRange(at, c); break;
            }
        }

        return new string([.. chars]);
    }

    private static IFieldTypeParser Parser(string type)
    {
        var field = new FieldDefinition
        {
            Key = "f", Label = "F", Type = type,
            SelectOptions = type is FieldTypes.Select or FieldTypes.MultiSelect
                ? [new() { Value = "red", Label = "Red", AlternateMatches = ["crimson"] }, new() { Value = "blue", Label = "Blue" }]
                : null,
        };
        var problems = new SchemaProblems();
        var parser = FieldTypeParsers.Create(field, "fields[0]", problems);
        Assert.False(problems.Any, problems.ToString());
        return parser!;
    }

    private static string Show(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}
