using ImportOperator.Notifications;

namespace ImportOperator.Review;

/// <summary>
/// The secret review links are signed with (HMAC-SHA256). Only the operator and the review web app hold it; a
/// leaked key lets anyone mint links to any import, so it is long and random, not a password.
/// </summary>
public sealed class ReviewSigningKey
{
    /// <summary>32 bytes = the output size of SHA-256; shorter keys weaken the MAC.</summary>
    public const int MinimumBytes = 32;

    private const string KeyKind = "review signing key";

    private ReviewSigningKey(byte[] key) => Bytes = key;

    internal byte[] Bytes { get; }

    /// <summary>Reads the key from a file (a mounted Secret); one trailing line break is ignored.</summary>
    public static ReviewSigningKey FromFile(string path) => new(SigningKeyFile.Read(path, KeyKind, MinimumBytes));

    /// <summary>The key from bytes, as given (no trimming); at least <see cref="MinimumBytes"/>.</summary>
    public static ReviewSigningKey FromBytes(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        SigningKeyFile.CheckLength(key, KeyKind, MinimumBytes);
        return new ReviewSigningKey((byte[])key.Clone());
    }
}
