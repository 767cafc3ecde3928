using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>Maps a uniqueness key to 64 bits; equal keys always give equal fingerprints, different keys rarely do.</summary>
internal delegate ulong KeyFingerprinter(ReadOnlySpan<char> key);

/// <summary>
/// The fingerprint of a key: a 64-bit multiply-fold hash (wyhash-style) over the key's UTF-16 bytes. Deterministic
/// (no per-process seed), so a run is reproducible. Collisions cost memory and time, never correctness: the
/// tracker confirms every repeated fingerprint by comparing the full keys.
/// </summary>
internal static class KeyFingerprint
{
    private const ulong Seed = 0x9E3779B97F4A7C15;
    private const ulong Prime1 = 0xA0761D6478BD642F;
    private const ulong Prime2 = 0xE7037ED1A0B428DB;
    private const ulong Prime3 = 0x8EBC6AF09C88C6E3;

    public static ulong Of(ReadOnlySpan<char> key)
    {
        var bytes = MemoryMarshal.AsBytes(key);
        // The length goes in first, so that zero padding of the tail cannot make two lengths collide.
        var hash = Seed ^ ((ulong)bytes.Length * Prime1);
        while (bytes.Length >= 16)
        {
            hash = Fold(BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ Prime1,
                BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) ^ hash);
            bytes = bytes[16..];
        }
        if (bytes.Length >= 8)
        {
            hash = Fold(BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ Prime2, hash ^ Prime3);
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * i);
        hash = Fold(tail ^ Prime3, hash ^ Prime1);
        return Fold(hash ^ Prime2, Prime1);
    }

    /// <summary>The 128-bit product of two words, folded to 64 bits: every input bit reaches every output bit.</summary>
    private static ulong Fold(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        return high ^ low;
    }
}
