using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class ParserConcurrencyTests
{
    [Fact]
    public void One_parser_serves_many_threads_with_the_same_results()
    {
        var cases = new (Engine.Types.IFieldTypeParser Parser, string Text, string Expected)[]
        {
            (Parser("number", new TypeOptions { Locale = "de-DE", Round = 1 }), "1.234,56", "1234.6"),
            (Parser("date", new TypeOptions { Locale = "en-GB" }), "01/02/2024", "2024-02-01"),
            (Parser("phone-number", new TypeOptions { Country = "GB" }), "020 7946 0958", "+442079460958"),
            (Parser("country"), "Côte d'Ivoire", "CI"),
            (Parser("multi-select", selectOptions: [Option("a", "Apple"), Option("b", "Banana")]), "apple, BANANA", "a, b"),
        };

        Parallel.For(0, 20_000, i =>
        {
            var (parser, text, expected) = cases[i % cases.Length];
            Assert.True(parser.TryParse(text, out var result, out _));
            Assert.Equal(expected, result.ToText());
        });
    }
}
