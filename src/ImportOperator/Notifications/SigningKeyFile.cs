namespace ImportOperator.Notifications;

/// <summary>
/// Reads a signing key from a file (a Kubernetes Secret mounted as a volume) and checks its length, with errors that
/// name the file and the kind of key, so a mis-mounted Secret is found from the operator's log alone.
/// </summary>
internal static class SigningKeyFile
{
    /// <summary>
    /// The file's bytes without one trailing line break (LF or CR LF): <c>echo secret &gt; key</c> and
    /// <c>kubectl create secret --from-file</c> of such a file then give the key a receiver types as "secret".
    /// </summary>
    public static byte[] Read(string path, string keyKind, int minimumBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The {keyKind} file '{path}' cannot be read: {e.Message}", e);
        }
        var key = WithoutTrailingLineBreak(bytes);
        CheckLength(key, keyKind, minimumBytes, $" in '{path}'");
        return key;
    }

    /// <summary>Refuses a key shorter than <paramref name="minimumBytes"/>; <paramref name="where"/> names its source.</summary>
    public static void CheckLength(ReadOnlySpan<byte> key, string keyKind, int minimumBytes, string where = "")
    {
        if (key.Length < minimumBytes)
            throw new InvalidOperationException(
                $"The {keyKind}{where} is {key.Length} bytes long; it must be at least {minimumBytes} bytes " +
                $"(make one with: openssl rand -hex {minimumBytes}).");
    }

    private static byte[] WithoutTrailingLineBreak(byte[] bytes)
    {
        var length = bytes.Length;
        if (length > 0 && bytes[length - 1] == (byte)'\n')
        {
            length--;
            if (length > 0 && bytes[length - 1] == (byte)'\r') length--;
        }
        return length == bytes.Length ? bytes : bytes[..length];
    }
}
