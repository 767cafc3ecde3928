using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>regex_match / regex_exclude: ECMAScript meaning of patterns and flags, timeouts, compile errors.</summary>
public sealed class RegexValidatorTests
{
    private const string I = "i", M = "m", S = "s", U = "u", None = "";

    /// <summary>(pattern, flags, cell text, does JavaScript's RegExp.test say it matches).</summary>
    public static TheoryData<string, string, string, bool> EcmaScriptCases => new()
    {
        { @"^\d+$", None, "123", true },
        { @"^\d+$", None, "١٢٣", false },              // \d is ASCII in JavaScript, Unicode in .NET
        { @"^\w+$", None, "abc_9", true },
        { @"^\w+$", None, "é", false },                // \w is ASCII in JavaScript
        { @"^[\d-]+$", None, "12-3", true },           // \d inside a class
        { @"^a\sb$", None, "a\u00a0b", true },         // no-break space is JavaScript white space
        { @"^a\sb$", None, "a\u0085b", false },        // NEL is not
        { @"^a\sb$", None, "a\ufeffb", true },         // BOM is
        { @"^a\Sb$", None, "a\u0085b", true },
        { @"^abc$", None, "abc\n", false },            // .NET's $ would match before a final newline
        { @"^\$\d$", None, "$5", true },               // an escaped $ stays literal
        { @"^[$]$", None, "$", true },                 // so does $ inside a class
        { @"^a.c$", None, "abc", true },
        { @"^a.c$", None, "a\nc", false },
        { @"^a.c$", None, "a\rc", false },             // . excludes every line terminator
        { @"^a.c$", None, "a\u2028c", false },
        { @"^a.c$", S, "a\nc", true },                 // dotAll
        { @"^ABC$", None, "abc", false },
        { @"^ABC$", I, "abc", true },                  // ignoreCase
        { @"^b$", None, "a\nb", false },
        { @"^b$", M, "a\nb", true },                   // multiline
        { @"^a[^]b$", None, "a\nb", true },           // [^] is any character
        { @"^a[]", None, "ab", false },                // [] matches nothing
        { @"^[a-z-[aeiou]]+$", None, "b]", true },    // a class then ']+': no .NET class subtraction
        { @"^\a\e\z$", None, "aez", true },            // unknown letter escapes are the letter
        { @"^\u{1F600}$", U, "😀", true },
        { @"^.$", U, "😀", true },                     // unicode mode: . is a whole code point
        { @"^.$", None, "😀", false },                 // otherwise a UTF-16 unit, as in JavaScript
        { @"^a.b$", U + S, "a\nb", true },             // code point escape in unicode mode
        { @"^\p{Letter}+$", U, "Zoë", true },          // long category names in unicode mode
        { @"^\p{Lu}", U, "Émile", true },
        { @"^\p{General_Category=Decimal_Number}+$", U, "١٢", true },
        { @"^\x41\u0042$", None, "AB", true },
        { @"^(\d{3})-\1$", None, "123-123", true },    // backreference (backtracking engine)
        { @"^(?=.*[A-Z]).{8,}$", None, "password1", false }, // lookahead (backtracking engine)
        { @"^(?=.*[A-Z]).{8,}$", None, "Password1", true },
        { @"^(?<year>\d{4})-\k<year>$", None, "2024-2024", true }, // named groups
    };

    [Theory, MemberData(nameof(EcmaScriptCases))]
    public void A_pattern_means_what_it_means_in_JavaScript(string pattern, string flags, string text, bool matches)
    {
        var options = new RegexOptionsDefinition
        {
            IgnoreCase = flags.Contains('i'), Multiline = flags.Contains('m'),
            DotAll = flags.Contains('s'), Unicode = flags.Contains('u'),
        };
        var match = Plan(Field("value", Regex(ValidatorKinds.RegexMatch, pattern, options)));
        var exclude = Plan(Field("value", Regex(ValidatorKinds.RegexExclude, pattern, options)));
        var matchRow = Row(1, text);
        var excludeRow = Row(1, text);

        match.ValidateRow(matchRow);
        exclude.ValidateRow(excludeRow);

        Assert.Equal(matches, MessagesOf(matchRow, 0).Count == 0);
        Assert.Equal(matches, MessagesOf(excludeRow, 0).Count == 1);
    }

    [Fact]
    public void The_text_checked_is_the_parsed_result_not_the_raw_cell()
    {
        var plan = Plan(Field("value", Regex(ValidatorKinds.RegexMatch, "^[0-9]+$")));
        var row = new Rows.ImportRow(0, 1);
        row.Values[0] = Rows.CellValue.FromString("1,234");
        row.Results[0] = Rows.CellValue.FromNumber(1234);

        plan.ValidateRow(row);

        Assert.Empty(MessagesOf(row, 0));
    }

    [Fact]
    public void A_cell_that_did_not_parse_is_checked_by_its_raw_text()
    {
        var plan = Plan(Field("value", Regex(ValidatorKinds.RegexExclude, "^n/a$", new() { IgnoreCase = true })));
        var row = new Rows.ImportRow(0, 1);
        row.Values[0] = Rows.CellValue.FromString("N/A");
        row.ParseErrors[0] = Rows.CellMessage.Error("Not a number.");

        plan.ValidateRow(row);

        Assert.Equal(["Must not match ^n/a$."], TextsOf(row, 0));
    }

    [Theory]
    [InlineData(ValidatorKinds.RegexMatch)]
    [InlineData(ValidatorKinds.RegexExclude)]
    public void An_empty_cell_is_not_checked(string kind)
    {
        var plan = Plan(Field("value", Regex(kind, "^x$")));
        var row = Row(1, "  ");

        plan.ValidateRow(row);

        Assert.Empty(MessagesOf(row, 0));
    }

    [Fact]
    public void A_catastrophic_pattern_gives_a_clear_message_instead_of_hanging()
    {
        // The lookahead keeps this pattern on the backtracking engine, where (a+)+ explodes on a non-match.
        var definition = Regex(ValidatorKinds.RegexMatch, "^(a+)+(?=b)");
        definition.Level = MessageLevel.Warning;
        var plan = Plan(Field("value", definition));
        var row = Row(1, new string('a', 40) + "!");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        plan.ValidateRow(row);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var message = Assert.Single(MessagesOf(row, 0));
        Assert.Equal("Could not be checked against ^(a+)+(?=b): the match took longer than 100 ms.", message.Message);
        Assert.Equal(MessageLevel.Warning, message.Level);
    }

    [Fact]
    public void A_nested_quantifier_without_lookarounds_runs_in_linear_time()
    {
        var plan = Plan(Field("value", Regex(ValidatorKinds.RegexMatch, "^(a+)+$")));
        var row = Row(1, new string('a', 5000) + "!");

        plan.ValidateRow(row);

        Assert.Equal(["Must match ^(a+)+$."], TextsOf(row, 0));
    }

    [Theory]
    [InlineData(@"^(a+)+$", false)]
    [InlineData(@"^[^\s@]+@[^\s@]+\.[a-z]{2,}$", false)]
    [InlineData(@"^(\d)\1$", true)]            // backreference
    [InlineData(@"^(?=.*\d).+$", true)]         // lookahead
    public void Only_patterns_the_linear_engine_refuses_run_on_the_backtracking_engine(string pattern, bool backtracking)
    {
        var regex = Engine.Validation.EcmaScriptRegex.Compile(pattern, null);

        Assert.Equal(backtracking, Engine.Validation.EcmaScriptRegex.IsBacktracking(regex));
        Assert.Equal(backtracking ? TimeSpan.FromMilliseconds(100) : System.Text.RegularExpressions.Regex.InfiniteMatchTimeout,
            regex.MatchTimeout);
    }

    [Theory]
    [InlineData("[a-", "Invalid pattern '[a-' at offset 3. Unterminated [] set.")]
    [InlineData("(abc", "Invalid pattern '(abc' at offset 4. Not enough )'s.")]
    [InlineData("a{2,1}", "Invalid pattern 'a{2,1}' at offset 6. Illegal {x,y} with x > y.")]
    public void A_pattern_that_does_not_compile_is_a_schema_problem_with_the_compiler_message(string pattern, string message)
    {
        var problem = Assert.Single(Problems(Field("value", Regex(ValidatorKinds.RegexMatch, pattern))));

        Assert.Equal("fields[0].validators[0].regex", problem.Path);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData(@"\q", "Invalid escape '\\q' in unicode mode.")]
    [InlineData(@"\u{110000}", "Invalid code point escape '\\u{110000}'.")]
    [InlineData(@"\p{Script=Greek}", "Unicode script properties (\\p{Script=Greek}) are not supported; use a character range or a .NET block such as \\p{IsGreekandCoptic}.")]
    public void Unicode_mode_syntax_without_a_dotnet_equivalent_is_a_schema_problem(string pattern, string message)
    {
        var definition = Regex(ValidatorKinds.RegexExclude, pattern, new() { Unicode = true });

        var problem = Assert.Single(Problems(Field("value", definition)));

        Assert.Equal("fields[0].validators[0].regex", problem.Path);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void The_plan_checks_rows_from_many_threads_at_once()
    {
        var plan = Plan(Field("value", Regex(ValidatorKinds.RegexMatch, @"^\d+$"), Length(1, 3)));
        var rows = Enumerable.Range(0, 20_000).Select(i => Row(i, 1, (i % 2 == 0 ? i : -i).ToString())).ToArray();

        Parallel.ForEach(rows, plan.ValidateRow);

        for (var i = 0; i < rows.Length; i++)
        {
            var text = rows[i].Values[0].ToText();
            var expected = new List<string>();
            if (i % 2 == 1) expected.Add("Must match ^\\d+$.");
            if (text.Length > 3) expected.Add("Must be between 1 and 3 characters.");
            Assert.Equal(expected, TextsOf(rows[i], 0));
        }
    }
}
