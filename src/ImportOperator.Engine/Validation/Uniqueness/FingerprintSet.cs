namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// The 64-bit fingerprints of a rule's keys (no text): for each, whether it was added more than once, and whether
/// the verdict pass has met it yet. Extendible hashing: 4 KB pages of open-addressing slots, picked through a
/// directory by the fingerprint's top bits; a page past load 3/4 splits in two by its next bit. The slots live
/// in native memory (<see cref="NativeSlotArena"/>), outside the GC heap.
/// </summary>
/// <remarks>
/// Cost: 8 bytes per slot, pages between 3/8 and 3/4 full (~1/2 on average), so ~16 bytes per distinct key, plus
/// a small managed object per page (~1/10 byte per key). Growth takes one 4 KB page at a time and frees nothing:
/// a table that doubles as one array (or as a few large segments) has its old and new arrays alive together and
/// leaves the old ones as garbage for the next full collection — 1.5× to 2× the table at the peak. Here only the
/// directory (8 bytes per page) doubles. A slot keeps the top 61 bits of the fingerprint and three flags in the
/// low bits; 0 is a free slot. Single-threaded.
/// </remarks>
internal sealed class FingerprintSet : IDisposable
{
    private const ulong Occupied = 1, Repeated = 2, Visited = 4, Flags = Occupied | Repeated | Visited;
    private const int PageSlots = 512;

    /// <summary>
    /// A page this deep grows instead of splitting, so that the directory stays within 2^20 entries (8 MB). Real
    /// fingerprints never get there (16 million keys need ~2^16 pages); only many keys sharing their top 20
    /// fingerprint bits do — a weak or colliding fingerprint function.
    /// </summary>
    private const int MaxDepth = 20;

    private readonly NativeSlotArena _arena = new();
    private Page[] _directory;
    private int _depth;
    private ulong[] _moving = new ulong[PageSlots];

    public FingerprintSet() => _directory = [NewPage(0, PageSlots)];

    private bool Disposed => _directory.Length == 0;

    /// <summary>How many distinct fingerprints were added.</summary>
    public long Count { get; private set; }

    /// <summary>Bytes held: the pages' native slots and the directory.</summary>
    public long AllocatedBytes => _arena.AllocatedBytes + (long)_directory.Length * IntPtr.Size;

    /// <summary>The largest page's bytes: what one growth step takes.</summary>
    public long LargestPageBytes => _directory.Max(page => page.Count) * (long)sizeof(ulong);

    /// <summary>Adds one occurrence; true when the fingerprint was already there (it is now marked repeated).</summary>
    public bool Add(ulong fingerprint)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        var stored = (fingerprint & ~Flags) | Occupied;
        var page = _directory[DirectoryIndex(fingerprint)];
        var slots = page.Slots;
        var mask = slots.Length - 1;
        for (var index = HomeOf(stored, mask); ; index = (index + 1) & mask)
        {
            var slot = slots[index];
            if (slot == 0)
            {
                slots[index] = stored;
                Count++;
                if (++page.Used > slots.Length / 4 * 3) Grow(page, fingerprint);
                GC.KeepAlive(this); // the arena's finalizer must not free the slots while they are in use
                return false;
            }
            if ((slot ^ stored) <= Flags)
            {
                slots[index] = slot | Repeated;
                GC.KeepAlive(this);
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
        ObjectDisposedException.ThrowIf(Disposed, this);
        var stored = (fingerprint & ~Flags) | Occupied;
        var slots = _directory[DirectoryIndex(fingerprint)].Slots;
        var mask = slots.Length - 1;
        var visit = FingerprintVisit.Once; // when never added: nothing to compare with
        for (var index = HomeOf(stored, mask); ; index = (index + 1) & mask)
        {
            var slot = slots[index];
            if (slot == 0) break;
            if ((slot ^ stored) > Flags) continue;
            if ((slot & Repeated) == 0) break;
            if ((slot & Visited) != 0)
            {
                visit = FingerprintVisit.RepeatedVisitedBefore;
                break;
            }
            slots[index] = slot | Visited;
            visit = FingerprintVisit.RepeatedFirstVisit;
            break;
        }
        GC.KeepAlive(this);
        return visit;
    }

    /// <summary>Frees the native slots (the finalizer does it otherwise); the set refuses any use afterwards.</summary>
    public void Dispose()
    {
        _directory = []; // Add and Visit then fail on the directory, never touch freed memory
        _arena.Dispose();
    }

    private int DirectoryIndex(ulong fingerprint) => _depth == 0 ? 0 : (int)(fingerprint >> (64 - _depth));

    /// <summary>A fingerprint's first slot in a page: low bits, independent of the top bits that chose the page.</summary>
    private static int HomeOf(ulong stored, int mask) => (int)(stored >> 3) & mask;

    private Page NewPage(int depth, int count) => new(_arena.Allocate(count), count, depth);

    private void Grow(Page page, ulong fingerprint)
    {
        if (page.Depth >= MaxDepth)
        {
            // Rare (see MaxDepth): the page moves to twice the slots; its old slots stay allocated until the end.
            var old = page.Slots.ToArray();
            page.Count *= 2;
            page.Address = _arena.Allocate(page.Count);
            page.Used = 0;
            Reinsert(old, page, page, 0);
            return;
        }
        if (page.Depth == _depth) DoubleDirectory();
        Split(page, DirectoryIndex(fingerprint));
    }

    private void DoubleDirectory()
    {
        var doubled = new Page[_directory.Length * 2];
        for (var i = 0; i < doubled.Length; i++) doubled[i] = _directory[i >> 1];
        _directory = doubled;
        _depth++;
    }

    /// <summary>Moves the fingerprints whose next bit is 1 to a new page, and points half of the page's directory entries at it.</summary>
    private void Split(Page page, int directoryIndex)
    {
        page.Depth++;
        var sibling = NewPage(page.Depth, PageSlots);
        if (_moving.Length < page.Count) _moving = new ulong[page.Count];
        var moving = _moving.AsSpan(0, page.Count);
        page.Slots.CopyTo(moving);
        page.Slots.Clear();
        page.Used = 0;
        Reinsert(moving, page, sibling, 1UL << (64 - page.Depth));

        // The page's entries are a run of 2^(depth - old page depth) entries; the upper half now means the sibling.
        var run = 1 << (_depth - page.Depth + 1);
        var first = directoryIndex & ~(run - 1);
        for (var i = first + run / 2; i < first + run; i++) _directory[i] = sibling;
    }

    /// <summary>Puts each slot back: into <paramref name="high"/> when it has <paramref name="bit"/>, else into <paramref name="low"/>.</summary>
    private static void Reinsert(ReadOnlySpan<ulong> source, Page low, Page high, ulong bit)
    {
        foreach (var slot in source)
        {
            if (slot == 0) continue;
            var target = (slot & bit) != 0 ? high : low;
            var slots = target.Slots;
            var mask = slots.Length - 1;
            var index = HomeOf(slot, mask);
            while (slots[index] != 0) index = (index + 1) & mask;
            slots[index] = slot;
            target.Used++;
        }
    }

    /// <summary>A page: where its slots are, how many, how many used, and how many top bits its fingerprints share.</summary>
    private sealed class Page(nint address, int count, int depth)
    {
        public nint Address = address;
        public int Count = count;
        public int Used;
        public int Depth = depth;

        public Span<ulong> Slots => NativeSlotArena.Slots(Address, Count);
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
