using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// Remembers, for every distinct text it is given, whether it was seen once or more than once — exactly (texts
/// are compared in full, a hash only picks the slot) and leanly: a text is kept as its UTF-8 bytes in large
/// shared byte arrays (no string object per value), and the table costs 16 bytes per slot.
/// </summary>
/// <remarks>
/// Cost per distinct value: its UTF-8 length (2 bytes per char for the rare text with unpaired surrogates,
/// which UTF-8 cannot hold exactly) plus one 16-byte slot at a load factor between 3/8 and 3/4 — 21 to 43
/// bytes, ~30 on average. A 20-character ASCII e-mail costs ~50 bytes, where a .NET string alone is 64 and a
/// Dictionary entry adds ~28 more. Single-threaded, like the tracker that owns it.
/// </remarks>
internal sealed class DistinctValueCounter
{
    private const uint Occupied = 1u << 31;
    private const uint Repeated = 1u << 30;
    private const uint StoredAsUtf16 = 1u << 29;
    private const uint LengthMask = StoredAsUtf16 - 1; // byte length up to 512 MiB
    private const int FirstChunkSize = 4 * 1024;
    private const int MaxChunkSize = 1024 * 1024;

    private Slot[] _slots = new Slot[16];
    private readonly List<byte[]> _chunks = [];
    private int _chunkUsed;
    private byte[] _encoded = new byte[256];

    /// <summary>How many distinct texts were added.</summary>
    public int DistinctCount { get; private set; }

    /// <summary>Bytes held: the slot table plus the byte arrays the texts are stored in.</summary>
    public long AllocatedBytes
    {
        get
        {
            long bytes = (long)_slots.Length * Marshal.SizeOf<Slot>();
            foreach (var chunk in _chunks) bytes += chunk.Length;
            return bytes;
        }
    }

    /// <summary>Counts one occurrence of <paramref name="text"/>.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        var hash = string.GetHashCode(text);
        var bytes = Encode(text, out var meta);
        var index = Find(hash, bytes, meta);
        if (index >= 0)
        {
            _slots[index].Meta |= Repeated;
            return;
        }
        _slots[~index] = new Slot { Hash = hash, Meta = meta | Occupied, Location = Store(bytes) };
        if (++DistinctCount > _slots.Length / 4 * 3) Grow();
    }

    /// <summary>True when <paramref name="text"/> was added at least once.</summary>
    public bool Contains(ReadOnlySpan<char> text) => Find(string.GetHashCode(text), Encode(text, out var meta), meta) >= 0;

    /// <summary>True when <paramref name="text"/> was added more than once.</summary>
    public bool IsRepeated(ReadOnlySpan<char> text)
    {
        var index = Find(string.GetHashCode(text), Encode(text, out var meta), meta);
        return index >= 0 && (_slots[index].Meta & Repeated) != 0;
    }

    /// <summary>UTF-8 of the text, or its raw UTF-16 bytes when it has unpaired surrogates (UTF-8 would merge them).</summary>
    private ReadOnlySpan<byte> Encode(ReadOnlySpan<char> text, out uint meta)
    {
        var maxBytes = (long)text.Length * 3;
        if (maxBytes > LengthMask) throw new InvalidOperationException("A value longer than 170 million characters cannot be checked for uniqueness.");
        if (_encoded.Length < maxBytes) _encoded = new byte[Math.Max((int)maxBytes, _encoded.Length * 2)];
        if (Utf8.FromUtf16(text, _encoded, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            meta = (uint)written;
            return _encoded.AsSpan(0, written);
        }
        var utf16 = MemoryMarshal.AsBytes(text);
        meta = (uint)utf16.Length | StoredAsUtf16;
        return utf16;
    }

    /// <summary>The slot holding these bytes, or the bitwise complement of the free slot where they belong.</summary>
    private int Find(int hash, ReadOnlySpan<byte> bytes, uint meta)
    {
        var mask = _slots.Length - 1;
        for (var index = hash & mask; ; index = (index + 1) & mask)
        {
            ref var slot = ref _slots[index];
            if ((slot.Meta & Occupied) == 0) return ~index;
            if (slot.Hash == hash && (slot.Meta & (StoredAsUtf16 | LengthMask)) == meta && StoredBytes(slot).SequenceEqual(bytes))
                return index;
        }
    }

    private ReadOnlySpan<byte> StoredBytes(in Slot slot) =>
        _chunks[(int)(slot.Location >> 32)].AsSpan((int)slot.Location, (int)(slot.Meta & LengthMask));

    /// <summary>Copies the bytes into the current chunk (a new one when full) and returns (chunk &lt;&lt; 32 | offset).</summary>
    private long Store(ReadOnlySpan<byte> bytes)
    {
        if (_chunks.Count == 0 || _chunks[^1].Length - _chunkUsed < bytes.Length)
        {
            // Chunks grow so that a small import stays small and a large one does not need millions of arrays.
            var size = _chunks.Count == 0 ? FirstChunkSize : Math.Min(MaxChunkSize, _chunks[^1].Length * 2);
            _chunks.Add(new byte[Math.Max(size, bytes.Length)]);
            _chunkUsed = 0;
        }
        bytes.CopyTo(_chunks[^1].AsSpan(_chunkUsed));
        var location = ((long)(_chunks.Count - 1) << 32) | (uint)_chunkUsed;
        _chunkUsed += bytes.Length;
        return location;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if ((slot.Meta & Occupied) == 0) continue;
            var index = slot.Hash & mask;
            while ((_slots[index].Meta & Occupied) != 0) index = (index + 1) & mask;
            _slots[index] = slot;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public long Location;
        public int Hash;
        public uint Meta;
    }
}
