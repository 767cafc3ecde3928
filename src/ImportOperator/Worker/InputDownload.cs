using System.Diagnostics;
using System.Globalization;
using ImportOperator.Imports;
using ImportOperator.Storage;

namespace ImportOperator.Worker;

/// <summary>
/// Brings the input object to a scratch file, for the engine to open as often as it needs and to seek in. A
/// missing object is permanent; a network error or a body shorter than announced is transient.
/// </summary>
internal sealed class InputDownload(IObjectStore store, string storageName, WorkerLog log)
{
    /// <summary>The input as the engine opens it: a file it can read twice and seek in, and its length.</summary>
    public sealed record DownloadedInput(Func<Stream> Open, long Length);

    /// <summary>
    /// Streams the input object to a scratch file, never holding it in memory. An input larger than maxFileSize is
    /// not downloaded at all: the engine turns its length alone into a FileTooLarge outcome.
    /// </summary>
    public async Task<DownloadedInput> RunAsync(string key, long? maxFileSize, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var action = $"Downloading the input object '{key}'";
        Stream source;
        try
        {
            source = await StorageErrors.GuardAsync(action, () => store.GetAsync(key, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException e)
        {
            throw WorkerFailure.Permanent($"The input object '{key}' does not exist in {storageName}: the operator starts the Job only once the file (or initialData) is stored, so it was deleted since.", e);
        }

        await using (source.ConfigureAwait(false))
        {
            var expected = LengthOf(source);
            if (maxFileSize is { } max && expected > max)
            {
                log.Stage(Invariant($"input not downloaded: '{key}' is {expected:N0} bytes, over settings.maxFileSize ({max:N0})"));
                return new DownloadedInput(() => throw new InvalidOperationException($"The input '{key}' is over maxFileSize and was not downloaded."), expected.Value);
            }
            var copied = await CopyToFileAsync(source, path, action, cancellationToken).ConfigureAwait(false);
            if (expected is not null && copied != expected)
                throw WorkerFailure.Transient(Invariant($"{action} ended after {copied:N0} of {expected:N0} bytes, so a retry can succeed."));
            log.Stage(Invariant($"input downloaded: '{key}', {copied:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s"));
            var local = ImportInput.FromFile(path);
            return new DownloadedInput(local.Open, local.Length);
        }
    }

    /// <summary>The object's size as the storage announced it, when the stream knows it.</summary>
    private static long? LengthOf(Stream stream)
    {
        try { return stream.Length; }
        catch (NotSupportedException) { return null; }
    }

    /// <summary>
    /// Copies block by block so that a network error (transient: retry) is told apart from a scratch write error
    /// (a full or missing volume: not the storage's fault).
    /// </summary>
    private static async Task<long> CopyToFileAsync(Stream source, string path, string action, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long copied = 0;
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        while (true)
        {
            var read = await StorageErrors.GuardAsync(action, () => source.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            if (read == 0) return copied;
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied += read;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
