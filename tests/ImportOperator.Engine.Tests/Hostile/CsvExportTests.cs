using System.Text;
using ImportOperator.Engine.Results;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>data.csv as a spreadsheet user opens it: RFC 4180, UTF-8 with BOM, formulas neutralised.</summary>
public sealed class CsvExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("csv-export-").FullName;

    private string Export(string dataJson, params string[] keys)
    {
        var dataPath = Path.Combine(_folder, "data.json");
        var csvPath = Path.Combine(_folder, CsvResultsWriter.FileName);
        File.WriteAllText(dataPath, dataJson);
        CsvResultsWriter.Write(dataPath, keys, csvPath);
        var bytes = File.ReadAllBytes(csvPath);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    [Fact]
    public void The_header_is_the_field_keys_in_schema_order_and_values_follow_it()
    {
        var csv = Export("""
            [
            {"name":"Ann","amount":12.5,"active":true,"note":null},
            {"name":"Bob","amount":-3,"active":false,"note":""}
            ]
            """, "name", "amount", "active", "note");

        Assert.Equal("name,amount,active,note\r\nAnn,12.5,true,\r\nBob,-3,false,\r\n", csv);
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted_per_rfc_4180()
    {
        var csv = Export("""[{"name":"Smith, \"Jr\"\nline two","city":"Zürich"}]""", "name", "city");

        Assert.Equal("name,city\r\n\"Smith, \"\"Jr\"\"\nline two\",Zürich\r\n", csv);
    }

    [Fact]
    public void Arrays_are_joined_and_passed_through_columns_follow_the_fields()
    {
        var csv = Export("""
            [
            {"tags":["a","b"],"$unmapped":{"Notes":"=1+1","Extra":"x"}},
            {"tags":[],"$unmapped":{"Notes":"ok","Extra":"y"}}
            ]
            """, "tags");

        Assert.Equal("tags,Notes,Extra\r\n\"a, b\",'=1+1,x\r\n,ok,y\r\n", csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1)")]
    [InlineData("-2+3")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void Every_formula_trigger_gets_a_leading_apostrophe(string cell)
    {
        Assert.True(CsvFormulaGuard.IsFormulaLike(cell));
        Assert.Equal("'" + cell, CsvFormulaGuard.Neutralise(cell));
    }

    [Theory]
    [InlineData("Ann")]
    [InlineData("a=b")]
    [InlineData(" =1")]
    [InlineData("")]
    [InlineData("+14155550123")]
    [InlineData("+1 (415) 555-0123")]
    [InlineData("-12.5")]
    [InlineData("-1,234.56")]
    public void Ordinary_text_and_signed_numbers_or_phone_numbers_are_left_alone(string cell) => Assert.Equal(cell, CsvFormulaGuard.Neutralise(cell));

    [Theory]
    [InlineData("+1*2")]
    [InlineData("-A1")]
    [InlineData("+")]
    [InlineData("-(1)+cmd")]
    public void A_signed_text_with_anything_but_digits_and_punctuation_is_still_neutralised(string cell) =>
        Assert.Equal("'" + cell, CsvFormulaGuard.Neutralise(cell));

    [Fact]
    public void A_formula_like_header_is_neutralised_too()
    {
        var csv = Export("""[{"$unmapped":{"=cmd":"v"}}]""", "name");

        Assert.StartsWith("name,'=cmd\r\n", csv);
    }

    [Fact]
    public void Empty_results_give_the_header_alone()
    {
        Assert.Equal("name,email\r\n", Export("[]\n", "name", "email"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
