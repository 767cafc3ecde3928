using System.Text;
using ImportOperator.Engine.Diagnostics;
using static ImportOperator.Engine.Tests.Reading.ReaderTestKit;

namespace ImportOperator.Engine.Tests.Reading;

public class JsonTests
{
    [Fact]
    public void The_header_is_the_union_of_keys_in_first_seen_order_and_rows_follow_it()
    {
        const string json = """
            [
              {"name": "Anna", "age": 42},
              {"email": "bob@example.com", "name": "Bob"}
            ]
            """;

        using var reader = OpenText(json, "data.json");
        var rows = ReadAll(reader);

        Assert.Equal("json", reader.Format);
        Assert.True(reader.FirstRowIsHeader);
        Assert.Equal([["name", "age", "email"], ["Anna", "42", ""], ["Bob", "", "bob@example.com"]], rows);
    }

    [Fact]
    public void Values_become_text_as_written()
    {
        const string json = """
            [{"n": 1.50, "big": 12345678901234567890, "t": true, "f": false, "z": null,
              "s": "Müller \"quoted\" \u00e9", "o": {"a": [1, "x", null]}, "arr": []}]
            """;

        var rows = ReadAllText(json, "data.json");

        Assert.Equal(["1.50", "12345678901234567890", "true", "false", "", "Müller \"quoted\" é", "{\"a\":[1,\"x\",null]}", "[]"], rows[1]);
    }

    [Fact]
    public void SourceLine_is_the_line_where_each_object_starts()
    {
        using var reader = OpenText("[\n{\"a\": 1},\n\n{\"a\":\n 2}\n]", "data.json");
        var lines = new List<long>();
        while (reader.TryReadRow(out _))
        {
            lines.Add(reader.SourceLine);
        }

        Assert.Equal([1L, 2L, 4L], lines);
    }

    [Fact]
    public void An_element_that_is_not_an_object_fails_naming_its_index_and_position()
    {
        var failure = Failure(Encoding.UTF8.GetBytes("""[{"a":1},{"a":2},"oops"]"""), "data.json");

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.Equal(
            "data.json: element 3 (at byte 17, line 1) is a string, expected an object; the file must be a JSON array of objects.",
            failure.Message);
    }

    [Fact]
    public void Invalid_json_fails_naming_the_line()
    {
        var failure = Failure(Encoding.UTF8.GetBytes("[\n{\"a\": 1},\n{\"a\": nope}\n]"), "data.json");

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.StartsWith("data.json: the JSON is invalid at line 3", failure.Message);
    }

    [Fact]
    public void An_empty_array_has_nothing_to_import()
    {
        var failure = Failure(Encoding.UTF8.GetBytes("[ ]"), "data.json");

        Assert.Equal(OutcomeReasons.EmptyFile, failure.Reason);
        Assert.Equal("data.json: the JSON array is empty: there are no objects to import.", failure.Message);
    }

    [Fact]
    public void A_large_array_from_a_forward_only_stream_reads_every_object()
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < 30_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"person ").Append(i).Append("\"}");
        }

        json.Append(']');
        var rows = ReadAll([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json.ToString())], "data.json", seekable: false);

        Assert.Equal(30_001, rows.Count);
        Assert.Equal(["29999", "person 29999"], rows[^1]);
    }

    [Fact]
    public void A_string_longer_than_the_read_buffer_is_read_whole()
    {
        var big = new string('x', 3 * 1024 * 1024);

        var rows = ReadAllText($"[{{\"blob\": \"{big}\", \"after\": 1}}]", "data.json");

        Assert.Equal(big.Length, rows[1][0].Length);
        Assert.Equal("1", rows[1][1]);
    }

    [Fact]
    public void Utf16_json_is_read()
    {
        var bytes = (byte[])[.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("[{\"name\": \"Müller\"}]")];

        Assert.Equal([["name"], ["Müller"]], ReadAll(bytes, "data.json"));
    }
}
