namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// The 64-bit fingerprints of a rule's keys (no text): for each, whether it was added more than once, and whether
/// the verdict pass has met it yet. Open addressing, 8 bytes per slot, split into 256 independent segments picked
/// by the fingerprint's top bits, each doubling on its own at load 3/4.
/// </summary>
/// <remarks>
/// Cost: 8 bytes per slot at a load between 3/8 and 3/4, so 10.7–21.3 bytes per distinct key (~16 on average).
/// Segments keep growth cheap in memory: a doubling copies one segment, so the old and new arrays alive together
/// are 1/256 of the table, not the whole table (a single array of 8 million keys would need 128 + 256 MB while it
/// doubles). A slot keeps the top 61 bits of the fingerprint and three flags in the low bits; 0 is a free slot.
/// Single-threaded.
/// </remarks>
internal sealed class FingerprintSet
{
    private const ulong Occupied = 1, Repeated = 2, Visited = 4, Flags = Occupied | Repeated | Visited;
    private const int SegmentBits = 8;
    private const int FirstSegmentSlots = 8;

    private readonly ulong[][] _segments = new ulong[1 << SegmentBits][];
    private readonly int[] _used = new int[1 << SegmentBits];

    public FingerprintSet()
    {
        for (var i = 0; i < _segments.Length; i++) _segments[i] = new ulong[FirstSegmentSlots];
    }

    /// <summary>How many distinct fingerprints were added.</summary>
    public long Count { get; private set; }

    /// <summary>Bytes held by the slot arrays.</summary>
    public long AllocatedBytes
    {
        get
        {
            long bytes = 0;
            foreach (var segment in _segments) bytes += (long)segment.Length * sizeof(ulong);
            return bytes;
        }
    }

    /// <summary>The largest segment's bytes: the most a single growth step allocates is twice this.</summary>
    public long LargestSegmentBytes => _segments.Max(segment => segment.Length) * (long)sizeof(ulong);

    /// <summary>Adds one occurrence; true when the fingerprint was already there (it is now marked repeated).</summary>
    public bool Add(ulong fingerprint)
    {
        var stored = (fingerprint & ~Flags) | Occupied;
        var segment = SegmentOf(fingerprint);
        var slots = _segments[segment];
        var mask = slots.Length - 1;
        for (var index = HomeOf(stored, mask); ; index = (index + 1) & mask)
        {
            var slot = slots[index];
            if (slot == 0)
            {
                slots[index] = stored;
                Count++;
                if (++_used[segment] > slots.Length / 4 * 3) Grow(segment);
                return false;
            }
            if ((slot ^ stored) <= Flags)
            {
                slots[index] = slot | Repeated;
                return true;
            }
        }
    }

    /// <summary>
    /// The verdict pass meets the fingerprint: says whether it was added more than once and whether this is the
    /// first time the pass meets it (which, rows being met in the order they were added, is its first occurrence).
    /// </summary>
    public FingerprintVisit Visit(ulong fingerprint)
    {
        var stored = (fingerprint & ~Flags) | Occupied;
        var slots = _segments[SegmentOf(fingerprint)];
        var mask = slots.Length - 1;
        for (var index = HomeOf(stored, mask); ; index = (index + 1) & mask)
        {
            var slot = slots[index];
            if (slot == 0) return FingerprintVisit.Once; // never added: nothing to compare with
            if ((slot ^ stored) > Flags) continue;
            if ((slot & Repeated) == 0) return FingerprintVisit.Once;
            if ((slot & Visited) != 0) return FingerprintVisit.RepeatedVisitedBefore;
            slots[index] = slot | Visited;
            return FingerprintVisit.RepeatedFirstVisit;
        }
    }

    private static int SegmentOf(ulong fingerprint) => (int)(fingerprint >> (64 - SegmentBits));

    /// <summary>The slot a fingerprint would take in an empty segment: bits below the segment bits.</summary>
    private static int HomeOf(ulong stored, int mask) => (int)(stored >> 3) & mask;

    private void Grow(int segment)
    {
        var old = _segments[segment];
        var slots = new ulong[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot == 0) continue;
            var index = HomeOf(slot, mask);
            while (slots[index] != 0) index = (index + 1) & mask;
            slots[index] = slot;
        }
        _segments[segment] = slots;
    }
}

/// <summary>What <see cref="FingerprintSet.Visit"/> found.</summary>
internal enum FingerprintVisit
{
    /// <summary>Added once: no other key shares the fingerprint, so the key is unique.</summary>
    Once,

    /// <summary>Added more than once, and met by the verdict pass for the first time.</summary>
    RepeatedFirstVisit,

    /// <summary>Added more than once, and met by the verdict pass before.</summary>
    RepeatedVisitedBefore,
}
