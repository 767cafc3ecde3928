using System.Globalization;
using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Cli.Import;

/// <summary>The human summary of an import (<c>get</c>, and the end of <c>submit --wait</c>): phase, why, counts, first errors, links.</summary>
public static class ImportDescription
{
    /// <summary>How many problems the summary lists; status.importErrors keeps the first 100, metadata.json all.</summary>
    public const int ErrorsShown = 5;

    public static void Write(VerbConsole console, HeadlessImport import)
    {
        var o = console.Out;
        var s = import.Status;
        Line(o, "Name", import.Metadata.Name);
        Line(o, "Namespace", import.Metadata.NamespaceProperty);
        Line(o, "Phase", console.Phase(s?.Phase) + (s?.Reason is { } reason ? $" ({reason})" : ""));
        if (s?.Message is { } message) Line(o, "Message", message);
        if (s?.Phase is null && s?.Conditions?.FirstOrDefault(c => c.Status == "False") is { } waiting)
            Line(o, "Waiting", $"{waiting.Type}: {waiting.Reason} — {waiting.Message}");
        Line(o, "Input", import.Spec.OriginalFilename ?? $"initialData ({import.Spec.InitialData?.Count ?? 0} rows)");
        Line(o, "Schema", import.Spec.SchemaRef is { } reference ? $"ImportSchema {reference.Name}" : $"inline, {import.Spec.Fields?.Count ?? 0} fields");
        Line(o, "Created", Time(import.Metadata.CreationTimestamp));
        if (s?.StartTime is { } started) Line(o, "Started", Time(started));
        if (s?.CompletionTime is { } completed) Line(o, "Completed", Time(completed));
        WriteCounts(console, s);
        WriteLinks(console, import);
        WriteErrors(console, s);
    }

    /// <summary>The lines that tell how an import ended, for <c>submit --wait</c> (its name and namespace are already known).</summary>
    public static void WriteOutcome(VerbConsole console, HeadlessImport import)
    {
        var s = import.Status;
        console.Out.WriteLine($"{console.Phase(s?.Phase)}{(s?.Reason is { } reason ? $" ({reason})" : "")}{(s?.Message is { } message ? $": {message}" : "")}");
        WriteCounts(console, s);
        WriteErrors(console, s);
    }

    public static void WriteCounts(VerbConsole console, HeadlessImportStatus? s)
    {
        if (s?.ResultMetadata is not { } m) return;
        Line(console.Out, "Rows", string.Create(CultureInfo.InvariantCulture,
            $"{m.NumDataRows:N0} read, {m.NumValidRows:N0} valid, {m.NumInvalidRows:N0} invalid, {m.NumResultRows:N0} in data.json"));
    }

    private static void WriteLinks(VerbConsole console, HeadlessImport import)
    {
        var s = import.Status;
        if (s?.Upload is { } upload) Line(console.Out, "Upload", $"{upload}{Expiry(s.UploadExpiresAt)}");
        if (s?.ReviewUrl is { } review) Line(console.Out, "Review", $"{review}{Expiry(s.ReviewUrlExpiresAt)}");
        if (s?.Result is { } result)
        {
            if (result.Data is { } data) Line(console.Out, "Results", $"{data}, {result.Metadata}");
            if (result.DataUrl is not null)
                Line(console.Out, "Download", $"{console.CommandPrefix} results {import.Metadata.Name} -n {import.Metadata.NamespaceProperty} --out DIR{Expiry(result.UrlsExpireAt)}");
        }
        if (s?.Webhook is { } hook)
            Line(console.Out, "Webhook", $"{hook.Event}: {(hook.Delivered ? "delivered" : hook.GaveUp ? "gave up" : "pending")} after {hook.Attempts} attempt(s){(hook.LastError is { } error && !hook.Delivered ? $", last error: {error}" : "")}");
    }

    private static void WriteErrors(VerbConsole console, HeadlessImportStatus? s)
    {
        if (s?.ImportErrors is not { Count: > 0 } errors) return;
        console.Out.WriteLine($"Problems (first {Math.Min(ErrorsShown, errors.Count)} of {errors.Count}{(errors.Count >= 100 ? "+" : "")}; all are in metadata.json):");
        foreach (var e in errors.Take(ErrorsShown))
        {
            var where = e.FieldKey is null ? $"row {e.RowIndex}" : $"row {e.RowIndex}, {e.FieldKey}";
            var value = e.Value is null ? "" : $" (value \"{e.Value}\")";
            console.Out.WriteLine($"  {e.Level,-7} {where}: {e.Message}{value}");
        }
    }

    private static void Line(TextWriter o, string label, string? value) => o.WriteLine($"{label + ":",-11} {value}");

    private static string Time(DateTime? time) => time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static string Expiry(DateTime? at) => at is { } t ? $"  (expires {Time(t)})" : "";
}
