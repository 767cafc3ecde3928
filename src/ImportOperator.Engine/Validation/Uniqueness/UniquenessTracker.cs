using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// Counts each uniqueness rule's keys over all rows (<see cref="Observe"/>), then flags the rows whose key
/// occurred more than once (<see cref="Flag"/>), the first occurrence included. Single-threaded.
/// </summary>
internal sealed class UniquenessTracker : IUniquenessTracker
{
    private readonly UniquenessRule[] _rules;
    private readonly DistinctValueCounter[] _counters;
    private readonly KeyBuffer _key = new();

    public UniquenessTracker(UniquenessRule[] rules)
    {
        _rules = rules;
        _counters = new DistinctValueCounter[rules.Length];
        for (var i = 0; i < rules.Length; i++) _counters[i] = new DistinctValueCounter();
    }

    /// <summary>Bytes held by all rules' counters (for diagnostics and the memory tests).</summary>
    public long AllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var counter in _counters) total += counter.AllocatedBytes;
            return total;
        }
    }

    public void Observe(ImportRow row)
    {
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].TryBuildKey(row, _key)) _counters[i].Add(_key.Span);
        }
    }

    public void Flag(ImportRow row)
    {
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].TryBuildKey(row, _key) && _counters[i].IsRepeated(_key.Span)) _rules[i].Flag(row);
        }
    }
}
