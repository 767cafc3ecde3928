using ImportOperator.Engine.Validation.Uniqueness;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>The exact, memory-lean counter behind the unique family.</summary>
public sealed class DistinctValueCounterTests
{
    [Fact]
    public void A_value_is_repeated_only_once_added_twice()
    {
        var counter = new DistinctValueCounter();
        counter.Add("a");
        counter.Add("b");
        counter.Add("a");

        Assert.True(counter.IsRepeated("a"));
        Assert.False(counter.IsRepeated("b"));
        Assert.False(counter.IsRepeated("never added"));
        Assert.Equal(2, counter.DistinctCount);
    }

    [Fact]
    public void Texts_that_UTF8_would_merge_stay_distinct()
    {
        // Two different unpaired surrogates both become U+FFFD in UTF-8; they must not count as one value.
        var counter = new DistinctValueCounter();
        counter.Add("x\uD800");
        counter.Add("x\uDBFF");
        counter.Add("x\uFFFD");

        Assert.Equal(3, counter.DistinctCount);
        Assert.False(counter.IsRepeated("x\uD800"));
        counter.Add("x\uD800");
        Assert.True(counter.IsRepeated("x\uD800"));
        Assert.False(counter.IsRepeated("x\uDBFF"));
    }

    [Fact]
    public void Long_values_and_many_values_are_kept_exactly()
    {
        var counter = new DistinctValueCounter();
        var huge = new string('z', 3_000_000); // larger than a storage chunk
        for (var i = 0; i < 100_000; i++) counter.Add($"value {i}");
        counter.Add(huge);
        counter.Add("value 77");
        counter.Add(huge[..^1] + "y");

        Assert.Equal(100_002, counter.DistinctCount);
        Assert.True(counter.IsRepeated("value 77"));
        Assert.False(counter.IsRepeated("value 78"));
        Assert.False(counter.IsRepeated(huge));
    }

    [Fact]
    public void A_distinct_value_costs_little_more_than_its_UTF8_bytes()
    {
        var counter = new DistinctValueCounter();
        const int count = 250_000;
        for (var i = 0; i < count; i++) counter.Add($"user{i:D7}@example.com"); // 23 ASCII characters

        var bytesPerValue = (double)counter.AllocatedBytes / count;

        // 23 bytes of text + a 16-byte slot at a 3/8..3/4 load factor; a .NET string alone would be 72 bytes.
        Assert.InRange(bytesPerValue, 23, 23 + 45);
    }
}
