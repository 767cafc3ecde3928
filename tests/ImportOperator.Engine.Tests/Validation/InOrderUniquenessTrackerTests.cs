using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Validation;
using ImportOperator.Engine.Validation.Uniqueness;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>
/// The import pipeline's lean tracker (fingerprints, confirmed in full): the same verdicts as the exact tracker,
/// whatever the fingerprint function does — also when every key collides.
/// </summary>
public sealed class InOrderUniquenessTrackerTests
{
    /// <summary>Fingerprint functions from honest to hostile: a collision must never change a verdict.</summary>
    public static TheoryData<string> Fingerprints => ["real", "all collide", "two buckets"];

    private static KeyFingerprinter FingerprintNamed(string name) => name switch
    {
        "real" => KeyFingerprint.Of,
        "all collide" => static _ => 0x4242_4242_4242_4242,
        "two buckets" => static key => key.Length % 2 == 0 ? 0x1111_0000_0000_0008UL : 0xFFFF_0000_0000_0010UL,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown fingerprint"),
    };

    [Theory]
    [MemberData(nameof(Fingerprints))]
    public void Only_true_duplicates_are_flagged_the_first_occurrence_too(string fingerprint)
    {
        var rows = RunColumn(ValidatorKinds.Unique, FingerprintNamed(fingerprint), "a", "b", "a", "c", "", "b", "d", "");

        Assert.Equal([true, true, true, false, false, true, false, false], Flagged(rows, 0));
        Assert.Equal(["'a' appears more than once in Email."], TextsOf(rows[0], 0));
    }

    [Theory]
    [MemberData(nameof(Fingerprints))]
    public void A_key_sharing_its_fingerprint_with_an_earlier_key_is_not_a_duplicate_of_it(string fingerprint)
    {
        // "x" is the first of the fingerprint; "yy" and "zzz" only collide with it (when the fingerprint lets them).
        Assert.Equal([false, false, false], Flagged(RunColumn(ValidatorKinds.Unique, FingerprintNamed(fingerprint), "x", "yy", "zzz"), 0));
        Assert.Equal([false, true, true], Flagged(RunColumn(ValidatorKinds.Unique, FingerprintNamed(fingerprint), "x", "yy", "yy"), 0));
        Assert.Equal([true, false, true], Flagged(RunColumn(ValidatorKinds.Unique, FingerprintNamed(fingerprint), "x", "yy", "x"), 0));
        Assert.Equal([true, true, true, true], Flagged(RunColumn(ValidatorKinds.Unique, FingerprintNamed(fingerprint), "x", "yy", "x", "yy"), 0));
    }

    [Theory]
    [MemberData(nameof(Fingerprints))]
    public void Unique_case_insensitive_folds_case_before_the_fingerprint(string fingerprint)
    {
        var rows = RunColumn(ValidatorKinds.UniqueCaseInsensitive, FingerprintNamed(fingerprint), "Émile@X.com", "other", "émile@x.COM", "OTHER!");

        Assert.Equal([true, false, true, false], Flagged(rows, 0));
        Assert.Equal(["'Émile@X.com' appears more than once in Email (ignoring case)."], TextsOf(rows[0], 0));
    }

    [Theory]
    [MemberData(nameof(Fingerprints))]
    public void Unique_with_compares_whole_combinations_and_skips_all_empty_ones(string fingerprint)
    {
        var plan = Plan(Field("first", UniqueWith("name")), Field("last", UniqueWith("name")), Field("city"));
        var rows = Rows(3, ["Ann", "Lee", "Oslo"], ["Ann", "Kim", "Oslo"], ["", "", "Rome"], ["Ann", "Lee", "Rome"],
            ["", "", "Oslo"], ["ab", "c", ""], ["a", "bc", ""]);

        ValidateInOrder(plan, rows, FingerprintNamed(fingerprint));

        Assert.Equal([true, false, false, true, false, false, false], Flagged(rows, 0));
        Assert.Equal([true, false, false, true, false, false, false], Flagged(rows, 1));
        Assert.Equal(["The combination of First 'Ann', Last 'Lee' appears more than once."], TextsOf(rows[3], 1));
    }

    [Theory]
    [MemberData(nameof(Fingerprints))]
    public void Random_files_get_the_exact_trackers_verdicts_for_every_rule_kind(string fingerprint)
    {
        var plan = Plan(
            Field("email", Validator(ValidatorKinds.Unique)),
            Field("name", Validator(ValidatorKinds.UniqueCaseInsensitive)),
            Field("first", UniqueWith("person")), Field("last", UniqueWith("person")));
        var random = new Random(20261128);
        string Pick(params string[] choices) => choices[random.Next(choices.Length)];
        // Sparse enough that most rows are unique in every rule, dense enough that each rule finds duplicates.
        string Sometimes(string text) => random.Next(4) == 0 ? "" : text;
        var cells = Enumerable.Range(0, 3_000).Select(_ => new[]
        {
            Sometimes(Pick("a@x", "b@x", "A@X") + random.Next(20_000)),
            Sometimes(Pick("ann", "Ann", "ANN", "bob ", " ") + random.Next(20_000)),
            Sometimes(Pick("Ann", "Bob", "Cy") + random.Next(200)), Sometimes(Pick("Lee", "Kim") + random.Next(100)),
        }).ToArray();
        var expected = Rows(4, cells);
        var actual = Rows(4, cells);

        Validate(plan, expected); // the exact tracker
        ValidateInOrder(plan, actual, FingerprintNamed(fingerprint));

        for (var field = 0; field < 4; field++) Assert.Contains(expected, row => MessagesOf(row, field).Count > 0);
        Assert.Contains(expected, row => row.ValidatorMessages is null);
        for (var i = 0; i < expected.Length; i++)
        {
            for (var field = 0; field < 4; field++)
                Assert.Equal(TextsOf(expected[i], field), TextsOf(actual[i], field));
        }
    }

    [Fact]
    public void Distinct_values_cost_a_fingerprint_slot_each_and_no_text()
    {
        // Two million distinct e-mails, one duplicated pair among them: the table stays at a fingerprint per
        // value, keeps only the duplicated key's text, and still finds the pair.
        const int count = 2_000_000;
        var plan = Plan(Field("email", Validator(ValidatorKinds.Unique)));
        using var tracker = new InOrderUniquenessTracker([.. plan.UniquenessRules], KeyFingerprint.Of);
        static string Email(int i) => i == count - 1 ? "user0001234@example.com" : $"user{i:D7}@example.com";

        for (var i = 0; i < count; i++) tracker.Observe(Row(i, 1, Email(i)));
        var bytesPerValue = (double)tracker.AllocatedBytes / (count - 1);
        var flagged = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var row = Row(i, 1, Email(i));
            tracker.Flag(row);
            if (row.ValidatorMessages is not null) flagged.Add(i);
        }

        // 8-byte slots at a load of 3/8..3/4, plus the one repeated key kept in full (a few KB).
        Assert.InRange(bytesPerValue, 8, 24);
        Assert.Equal(1, tracker.KeysKeptInFull);
        Assert.Equal([1_234, count - 1], flagged);
    }

    [Fact]
    public void The_table_grows_a_page_at_a_time_and_keeps_every_fingerprint()
    {
        // A table that doubles as one array holds old and new arrays together, and leaves the old as garbage.
        using var set = new FingerprintSet();
        const int count = 1_000_000;
        for (var i = 0; i < count; i++) Assert.False(set.Add(KeyFingerprint.Of($"value {i}")));
        for (var i = 0; i < count; i += 7) Assert.True(set.Add(KeyFingerprint.Of($"value {i}")));

        Assert.Equal(count, set.Count);
        Assert.Equal(4096, set.LargestPageBytes);
        Assert.InRange((double)set.AllocatedBytes / count, 8, 24);
        Assert.Equal(FingerprintVisit.RepeatedFirstVisit, set.Visit(KeyFingerprint.Of("value 7")));
        Assert.Equal(FingerprintVisit.Once, set.Visit(KeyFingerprint.Of("value 8")));
    }

    [Fact]
    public void Fingerprints_that_share_their_top_bits_still_fit()
    {
        // A weak fingerprint function: 5,000 distinct fingerprints that differ only in bits the pages cannot split by.
        using var set = new FingerprintSet();
        for (var i = 1UL; i <= 5_000; i++) Assert.False(set.Add(i << 3));
        for (var i = 1UL; i <= 5_000; i++) Assert.True(set.Add(i << 3));

        Assert.Equal(5_000, set.Count);
        Assert.Equal(FingerprintVisit.RepeatedFirstVisit, set.Visit(4_999UL << 3));
        Assert.Equal(FingerprintVisit.Once, set.Visit(5_001UL << 3));
    }

    [Fact]
    public void The_fingerprint_set_tells_repeated_from_single_and_the_first_visit_from_later_ones()
    {
        using var set = new FingerprintSet();
        Assert.False(set.Add(10UL << 3));
        Assert.False(set.Add(20UL << 3));
        Assert.True(set.Add(10UL << 3));

        Assert.Equal(FingerprintVisit.RepeatedFirstVisit, set.Visit(10UL << 3));
        Assert.Equal(FingerprintVisit.RepeatedVisitedBefore, set.Visit(10UL << 3));
        Assert.Equal(FingerprintVisit.Once, set.Visit(20UL << 3));
        Assert.Equal(FingerprintVisit.Once, set.Visit(30UL << 3));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void A_disposed_table_refuses_use_instead_of_reading_freed_memory()
    {
        var set = new FingerprintSet();
        set.Add(42UL << 3);
        set.Dispose();

        Assert.Throws<ObjectDisposedException>(() => set.Add(42UL << 3));
        Assert.Throws<ObjectDisposedException>(() => set.Visit(42UL << 3));
        Assert.Equal(0, set.AllocatedBytes);
    }

    [Fact]
    public void The_fingerprint_depends_on_every_character_and_the_length()
    {
        string[] keys = ["", "a", "b", "ab", "ba", "a\0", "abcdefgh", "abcdefgi", "abcdefghabcdefgh", "abcdefghabcdefgi", "Abcdefghabcdefgh"];

        Assert.Equal(keys.Length, keys.Select(key => KeyFingerprint.Of(key)).Distinct().Count());
        Assert.Equal(KeyFingerprint.Of("same text"), KeyFingerprint.Of("same text".AsSpan()));
    }

    private static void ValidateInOrder(ValidationPlan plan, IReadOnlyList<ImportRow> rows, KeyFingerprinter fingerprint)
    {
        using var tracker = new InOrderUniquenessTracker([.. plan.UniquenessRules], fingerprint);
        foreach (var row in rows) tracker.Observe(row);
        foreach (var row in rows) tracker.Flag(row);
    }

    private static List<ImportRow> RunColumn(string kind, KeyFingerprinter fingerprint, params string[] cells)
    {
        var plan = Plan(Field("email", Validator(kind)));
        var rows = cells.Select((cell, index) => Row(index, 1, cell)).ToList();
        ValidateInOrder(plan, rows, fingerprint);
        return rows;
    }

    private static ImportRow[] Rows(int fieldCount, params string[][] cells) =>
        [.. cells.Select((row, index) => Row(index, fieldCount, row))];

    private static bool[] Flagged(IReadOnlyList<ImportRow> rows, int field) =>
        [.. rows.Select(row => MessagesOf(row, field).Count > 0)];
}
