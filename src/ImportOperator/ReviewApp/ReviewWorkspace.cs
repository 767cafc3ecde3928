using System.Collections.Concurrent;
using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Review;
using ImportOperator.Imports;
using ImportOperator.Storage;
using ImportOperator.Worker;

namespace ImportOperator.ReviewApp;

/// <summary>
/// This replica's local copy of what reviewing an import needs: the frozen request (request.json, the same one the
/// worker read), the input file, and review tables materialised per layout choice, all under
/// <c>&lt;scratch&gt;/&lt;uid&gt;/</c>. Everything here can be rebuilt from storage, so replicas need not share disks.
/// </summary>
public sealed class ReviewWorkspace(IObjectStore store, string scratchRoot)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PreparedImport>>> _imports = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<ReviewTableBuild>>> _tables = new();

    /// <summary>The resolved import and its downloaded input.</summary>
    public sealed record PreparedImport(ResolvedImport Resolved, string InputPath, long InputLength, string Directory)
    {
        public ImportRequest RequestFor(string outputDirectory) => Resolved.ToEngineRequest(
            () => new FileStream(InputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), InputLength, outputDirectory,
            hookParallelism: Math.Max(1, Environment.ProcessorCount / 2));
    }

    public Task<PreparedImport> PrepareAsync(ReviewContext context, CancellationToken cancellationToken) =>
        Cached(_imports, context.Uid, () => DownloadAsync(context, cancellationToken));

    /// <summary>The table for these choices, built once per replica (the first request waits for it).</summary>
    public async Task<ReviewTableBuild> TableAsync(ReviewContext context, ReviewChoices choices, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        var directory = Path.Combine(prepared.Directory, "table-" + choices.Fingerprint());
        return await Cached(_tables, directory, () => Task.Run(() =>
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            return ReviewTableBuilder.Build(prepared.RequestFor(directory), choices, directory, CancellationToken.None);
        }, CancellationToken.None)).ConfigureAwait(false);
    }

    /// <summary>The layout under these choices, for the header and mapping step (reads only the file's top).</summary>
    public async Task<ReviewLayout> InspectAsync(ReviewContext context, ReviewChoices choices, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        return ReviewLayout.Inspect(prepared.RequestFor(prepared.Directory), choices);
    }

    /// <summary>
    /// Drops this replica's copy of an import that no longer waits for review (finished, or moved on): its cache
    /// entries and its scratch folder. Storage keeps the session until the import's objects are cleaned up.
    /// </summary>
    public void Forget(string uid)
    {
        var directory = Path.Combine(scratchRoot, uid);
        if (!_imports.TryRemove(uid, out _) && !Directory.Exists(directory)) return;
        foreach (var key in _tables.Keys.Where(k => k.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            _tables.TryRemove(key, out _);
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { } // a file still open by a request in flight; the next Forget or a restart clears it
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A fresh folder for one finishing attempt.</summary>
    public string NewFinishDirectory(PreparedImport prepared) =>
        Directory.CreateDirectory(Path.Combine(prepared.Directory, "finish-" + Guid.NewGuid().ToString("N"))).FullName;

    private async Task<PreparedImport> DownloadAsync(ReviewContext context, CancellationToken cancellationToken)
    {
        WorkerRequest request;
        await using (var json = await store.GetAsync(context.Keys.Request, cancellationToken).ConfigureAwait(false))
            request = await JsonSerializer.DeserializeAsync<WorkerRequest>(json, ApiJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The request object '{context.Keys.Request}' is the JSON literal null.");
        if (request.Import.Metadata.Uid != context.Uid)
            throw new InvalidDataException($"The request object '{context.Keys.Request}' belongs to uid {request.Import.Metadata.Uid}, not {context.Uid}.");
        var problems = new SchemaProblems();
        var resolved = ResolvedImport.Resolve(request.Import, request.Schema, problems)
            ?? throw new InvalidDataException($"The request object '{context.Keys.Request}' does not resolve: {string.Join("; ", problems.All)}");

        var directory = Directory.CreateDirectory(Path.Combine(scratchRoot, context.Uid)).FullName;
        var inputPath = Path.Combine(directory, "input");
        var partial = inputPath + ".partial";
        await using (var source = await store.GetAsync(context.Keys.Input, cancellationToken).ConfigureAwait(false))
        await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        File.Move(partial, inputPath, overwrite: true);
        return new PreparedImport(resolved, inputPath, new FileInfo(inputPath).Length, directory);
    }

    /// <summary>One task per key; a task that throws is forgotten so the next request tries again.</summary>
    private static async Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> create)
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(create));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }
}
