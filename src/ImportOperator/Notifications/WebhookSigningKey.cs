namespace ImportOperator.Notifications;

/// <summary>
/// The shared secret webhooks are signed with (HMAC-SHA256). Receivers hold the same bytes to verify
/// <c>X-ImportOperator-Signature</c>; see docs/webhooks.md.
/// </summary>
public sealed class WebhookSigningKey
{
    /// <summary>Shorter secrets are refused: a guessable key makes the signature worthless.</summary>
    public const int MinimumBytes = 16;

    private const string KeyKind = "webhook signing key";

    private WebhookSigningKey(byte[] key) => Bytes = key;

    /// <summary>The key's bytes (a copy is taken on creation; callers must not change this array).</summary>
    internal byte[] Bytes { get; }

    /// <summary>
    /// Reads the key from a file, typically a mounted Secret key. One trailing line break is ignored, so the key is
    /// the text a receiver sees with <c>kubectl get secret -o jsonpath</c> when the file was written with echo.
    /// </summary>
    public static WebhookSigningKey FromFile(string path) =>
        new(SigningKeyFile.Read(path, KeyKind, MinimumBytes));

    /// <summary>The key from bytes, as given (no trimming).</summary>
    public static WebhookSigningKey FromBytes(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        SigningKeyFile.CheckLength(key, KeyKind, MinimumBytes);
        return new WebhookSigningKey((byte[])key.Clone());
    }
}
