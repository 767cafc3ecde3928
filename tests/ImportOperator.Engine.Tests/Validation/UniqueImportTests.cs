using System.Text;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>
/// The unique family through the whole import (the pipeline's fingerprint tracker, rows spilled and read back):
/// duplicates far apart, across batches, are flagged on every occurrence and only they.
/// </summary>
public sealed class UniqueImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("unique-import-").FullName;

    [Fact]
    public void Duplicates_across_batches_are_removed_on_every_occurrence_and_nothing_else_is()
    {
        // 10,000 rows (five batches): e-mail duplicates 6,000 rows apart, one case-only pair for the
        // case-insensitive name, one repeated (first, last) combination; everything else distinct.
        const int count = 10_000;
        var csv = new StringBuilder("email,name,first,last\n");
        for (var i = 0; i < count; i++)
        {
            var email = i == 7_000 ? "user1000@example.com" : $"user{i}@example.com";
            var name = i == 9_999 ? "NAME 5" : $"name {i}";
            var (first, last) = i == 8_500 ? ("first 3", "last 3") : ($"first {i}", $"last {i}");
            csv.Append(CultureInvariant($"{email},{name},{first},{last}\n"));
        }

        var outcome = Run(csv.ToString(),
            Field("email", Validator(ValidatorKinds.Unique)), Field("name", Validator(ValidatorKinds.UniqueCaseInsensitive)),
            Field("first", UniqueWith("person")), Field("last", UniqueWith("person")));

        var kept = JsonNode.Parse(File.ReadAllText(outcome.DataPath))!.AsArray();
        var keptEmails = kept.Select(row => row!["email"]!.GetValue<string>()).ToHashSet();
        int[] removed = [1_000, 7_000, 5, 9_999, 3, 8_500];
        Assert.Equal(count - removed.Length, kept.Count);
        Assert.All(removed, i => Assert.DoesNotContain($"user{i}@example.com", keptEmails));
        Assert.Contains("user1001@example.com", keptEmails);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private ImportOutcome Run(string csv, params FieldDefinition[] fields)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        return ImportProcessor.Run(new ImportRequest
        {
            Fields = fields,
            Settings = new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.RemoveInvalidRows },
            ImportIdentifier = "unique-import",
            FileName = "contacts.csv",
            OpenInput = () => new MemoryStream(bytes, writable: false),
            InputLength = bytes.Length,
            OutputDirectory = _folder,
        });
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
