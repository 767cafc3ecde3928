using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// Zeroed 64-bit slots outside the GC heap, handed out from 1 MB native blocks and freed all together.
/// </summary>
/// <remarks>
/// Why not arrays: a fingerprint table lives as long as the import, so its arrays would sit in generation 2, and
/// the GC sizes generation 2's budget from what survives there — a large table lets proportionally more garbage
/// pile up before a full collection (measured: the peak grew by more than the table). Native slots are invisible
/// to that arithmetic and hold no references, so the GC has nothing to scan either. The owner must keep the arena
/// reachable while it uses a span (<see cref="GC.KeepAlive"/>): the finalizer frees the blocks.
/// </remarks>
internal sealed class NativeSlotArena : IDisposable
{
    private const int BlockBytes = 1 << 20;

    private readonly List<nint> _blocks = [];
    private nint _current;
    private int _usedInCurrent = BlockBytes;
    private bool _freed;

    /// <summary>Bytes taken from the operating system.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>The address of <paramref name="count"/> zeroed slots.</summary>
    public nint Allocate(int count)
    {
        ObjectDisposedException.ThrowIf(_freed, this);
        var bytes = checked(count * sizeof(ulong));
        if (bytes > BlockBytes) return NewBlock(bytes); // a block of its own; the current one stays open
        if (_usedInCurrent + bytes > BlockBytes)
        {
            _current = NewBlock(BlockBytes);
            _usedInCurrent = 0;
        }
        var address = _current + _usedInCurrent;
        _usedInCurrent += bytes;
        return address;
    }

    /// <summary>The slots at an address this arena handed out.</summary>
    public static Span<ulong> Slots(nint address, int count) =>
        MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<ulong>(), address), count);

    private nint NewBlock(int bytes)
    {
        var block = Marshal.AllocHGlobal(bytes);
        Slots(block, bytes / sizeof(ulong)).Clear();
        _blocks.Add(block);
        AllocatedBytes += bytes;
        return block;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~NativeSlotArena() => Free();

    private void Free()
    {
        if (_freed) return;
        _freed = true;
        foreach (var block in _blocks) Marshal.FreeHGlobal(block);
        _blocks.Clear();
        AllocatedBytes = 0;
    }
}
