using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// The import pipeline's uniqueness tracker: exact verdicts at ~16 bytes per distinct key, where the exact
/// <see cref="UniquenessTracker"/> keeps every key's text. Contract: <see cref="Observe"/> every row, then
/// <see cref="Flag"/> each of those rows exactly once, in the same order (the spilled rows read back).
/// </summary>
/// <remarks>
/// Observe keeps only a 64-bit fingerprint per distinct key (<see cref="FingerprintSet"/>, in native memory). A
/// key whose fingerprint was already there (a true duplicate, or rarely another key with the same fingerprint) is
/// also kept in full in a small exact table (<see cref="DistinctValueCounter"/>): there go the keys of every occurrence after the first of
/// its fingerprint. The first occurrence's text is not kept — it is met again as the first row of that fingerprint
/// in the verdict pass, and counted then, if its key is in the exact table (otherwise no later row has its key).
/// So, once a fingerprint's first row has been met, the exact table counts every key of that fingerprint in full,
/// and a row is flagged exactly when its key occurs twice or more: a fingerprint collision costs a few bytes of
/// text, never a wrong verdict. The exact table holds the keys that repeat, so its cost grows with the number of
/// distinct duplicated values, not with the number of rows.
/// </remarks>
internal sealed class InOrderUniquenessTracker : IUniquenessTracker, IDisposable
{
    private readonly UniquenessRule[] _rules;
    private readonly KeyFingerprinter _fingerprint;
    private readonly FingerprintSet[] _fingerprints;
    private readonly DistinctValueCounter?[] _repeatedKeys;
    private readonly KeyBuffer _key = new();

    /// <param name="rules">The plan's uniqueness rules.</param>
    /// <param name="fingerprint">The key's fingerprint (tests pass one that collides on purpose).</param>
    public InOrderUniquenessTracker(UniquenessRule[] rules, KeyFingerprinter fingerprint)
    {
        _rules = rules;
        _fingerprint = fingerprint;
        _fingerprints = new FingerprintSet[rules.Length];
        for (var i = 0; i < rules.Length; i++) _fingerprints[i] = new FingerprintSet();
        _repeatedKeys = new DistinctValueCounter?[rules.Length];
    }

    /// <summary>Bytes held by the fingerprint tables and the exact tables of repeated keys.</summary>
    public long AllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var fingerprints in _fingerprints) total += fingerprints.AllocatedBytes;
            foreach (var repeated in _repeatedKeys) total += repeated?.AllocatedBytes ?? 0;
            return total;
        }
    }

    /// <summary>Distinct keys kept in full (for the tests: only keys whose fingerprint repeated).</summary>
    public long KeysKeptInFull => _repeatedKeys.Sum(repeated => (long)(repeated?.DistinctCount ?? 0));

    /// <summary>Frees the fingerprint tables' native memory now (their finalizers do it otherwise).</summary>
    public void Dispose()
    {
        foreach (var fingerprints in _fingerprints) fingerprints.Dispose();
    }

    public void Observe(ImportRow row)
    {
        for (var i = 0; i < _rules.Length; i++)
        {
            if (!_rules[i].TryBuildKey(row, _key)) continue;
            if (_fingerprints[i].Add(_fingerprint(_key.Span))) (_repeatedKeys[i] ??= new DistinctValueCounter()).Add(_key.Span);
        }
    }

    public void Flag(ImportRow row)
    {
        for (var i = 0; i < _rules.Length; i++)
        {
            if (!_rules[i].TryBuildKey(row, _key)) continue;
            var visit = _fingerprints[i].Visit(_fingerprint(_key.Span));
            if (visit == FingerprintVisit.Once) continue;
            var repeated = _repeatedKeys[i]!; // a fingerprint is marked repeated only by an Add that fills this table
            // The fingerprint's first row: count its key too, if a later row has it (otherwise it is unique).
            if (visit == FingerprintVisit.RepeatedFirstVisit && repeated.Contains(_key.Span)) repeated.Add(_key.Span);
            if (repeated.IsRepeated(_key.Span)) _rules[i].Flag(row);
        }
    }
}
