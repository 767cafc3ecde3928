using System.Globalization;
using System.Text.Json;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Review;
using ImportOperator.ReviewApp.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImportOperator.ReviewApp;

/// <summary>
/// The routes under <c>/review/{token}</c>. Each request re-verifies the token against the live import (see
/// <see cref="ReviewAccess"/>); each write also checks CSRF and that the import still waits for review.
/// </summary>
internal sealed class ReviewEndpoints(ReviewAccess access, ReviewCsrf csrf, ReviewSessionStore sessions,
    ReviewWorkspace workspace, ReviewFinishing finishing, int pageSize)
{
    /// <summary>Reasons whose fix is a layout choice: the header and mapping step comes first.</summary>
    private static readonly HashSet<string> LayoutReasons =
        [OutcomeReasons.HeaderRowNotFound, OutcomeReasons.UnmappedColumns, OutcomeReasons.DuplicateHeaders];

    private const int MaxPageSize = 500;

    public void Map(WebApplication app)
    {
        app.MapGet("/review/assets/{name}", (string name) =>
            ReviewAssets.TryGet(name, out var content, out var type)
                ? Results.Bytes(content, type)
                : Results.NotFound());
        app.MapGet("/review/{token}", ShowAsync);
        app.MapPost("/review/{token}/layout", ChooseLayoutAsync);
        app.MapGet("/review/{token}/api/rows", RowsAsync);
        app.MapPost("/review/{token}/api/rows/{index:long}", EditAsync);
        app.MapPost("/review/{token}/api/rows/{index:long}/delete", DeleteAsync);
        app.MapPost("/review/{token}/api/finish", FinishAsync);
    }

    /// <summary>The context when the request may go on; otherwise the refusal has been written.</summary>
    private async Task<ReviewContext?> OpenAsync(HttpContext http, string token, bool write)
    {
        var (context, denial) = await access.CheckAsync(token, http.RequestAborted);
        if (denial is not null)
        {
            await RefuseAsync(http, (int)denial.Status, denial.Title + ". " + denial.Explanation, ReviewPages.Denied(denial));
            return null;
        }
        if (write && !await csrf.IsValidAsync(http, token))
        {
            var denied = new ReviewDenial(System.Net.HttpStatusCode.Forbidden, "This request was refused",
                "The page that sent it was not opened from your review link (a missing or stale security token). Reload the page and try again.");
            await RefuseAsync(http, 403, denied.Title + ". " + denied.Explanation, ReviewPages.Denied(denied));
            return null;
        }
        if (context!.CompletedAt is { } at)
        {
            workspace.Forget(context.Uid);
            await RefuseAsync(http, 409, $"This review was already finished at {at}.", ReviewPages.Finished(context, at), htmlStatus: 200);
            return null;
        }
        if (context.Import.Status?.Phase != ImportPhases.NeedsReview)
        {
            workspace.Forget(context.Uid);
            var phase = context.Import.Status?.Phase ?? "not started";
            await RefuseAsync(http, 409, $"This import is not waiting for review (it is {phase}).",
                ReviewPages.Message("Nothing to review", $"Import {context.Namespace}/{context.Name} is not waiting for review (it is {phase}). There is nothing to do here."));
            return null;
        }
        return context;
    }

    private static async Task RefuseAsync(HttpContext http, int status, string apiMessage, string page, int? htmlStatus = null)
    {
        if (ReviewServer.IsApi(http))
        {
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new { error = apiMessage });
            return;
        }
        http.Response.StatusCode = htmlStatus ?? status;
        await ReviewServer.WriteHtml(http, page);
    }

    private async Task ShowAsync(HttpContext http, string token)
    {
        if (await OpenAsync(http, token, write: false) is not { } context) return;
        var session = await sessions.LoadAsync(context.Keys, http.RequestAborted);
        var prepared = await workspace.PrepareAsync(context, http.RequestAborted);
        var fields = prepared.Resolved.Fields;
        var csrfToken = csrf.TokenFor(http, token);
        if (!session.LayoutConfirmed && LayoutReasons.Contains(context.Import.Status?.Reason ?? ""))
        {
            var layout = await workspace.InspectAsync(context, session.Choices, http.RequestAborted);
            // Before any choice the problem is the one already shown as the reason; after a choice, say what is still wrong.
            var chosen = session.HeaderRow is not null || session.Mapping is not null;
            await ReviewServer.WriteHtml(http, ReviewPages.Layout(context, fields, layout, csrfToken, chosen ? layout.ProblemMessage : null));
            return;
        }
        var build = await workspace.TableAsync(context, session.Choices, http.RequestAborted);
        if (build.Table is { } table)
        {
            await ReviewServer.WriteHtml(http, ReviewPages.Grid(context, fields, table, csrfToken, pageSize));
            return;
        }
        if (build.Layout is { IsUsable: false } unusable)
        {
            await ReviewServer.WriteHtml(http, ReviewPages.Layout(context, fields, unusable, csrfToken, unusable.ProblemMessage));
            return;
        }
        await ReviewServer.WriteHtml(http, ReviewPages.Message("This file cannot be reviewed here",
            $"{build.FailureMessage} ({build.FailureReason})"));
    }

    private async Task ChooseLayoutAsync(HttpContext http, string token)
    {
        if (await OpenAsync(http, token, write: true) is not { } context) return;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var shown = Int(form["shownHeader"]) ?? -1;
        var header = Int(form["headerRow"]);
        var fields = (await workspace.PrepareAsync(context, http.RequestAborted)).Resolved.Fields;
        var mapping = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields)
            if (Int(form["map." + field.Key]) is { } column && column >= 0) mapping[field.Key] = column;

        await sessions.UpdateAsync(context.Keys, async session =>
        {
            session.Edited.Clear();
            session.Deleted.Clear();
            if (header is { } picked && picked != shown)
            {
                // Another header row: its columns differ, so the mapping starts again from the engine's suggestion.
                session.HeaderRow = picked;
                session.Mapping = null;
                session.LayoutConfirmed = false;
                return 0;
            }
            session.HeaderRow = header ?? session.HeaderRow;
            session.Mapping = mapping;
            // A mapping that still leaves a required field out is kept, and the page shows why it cannot go on yet.
            try
            {
                session.LayoutConfirmed = (await workspace.InspectAsync(context, session.Choices, http.RequestAborted)).IsUsable;
            }
            catch (ReviewChoiceException)
            {
                session.Mapping = null;
                session.LayoutConfirmed = false;
            }
            return 0;
        }, http.RequestAborted);
        http.Response.Redirect($"/review/{Uri.EscapeDataString(token)}", permanent: false);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    private async Task RowsAsync(HttpContext http, string token)
    {
        if (await OpenAsync(http, token, write: false) is not { } context) return;
        var query = http.Request.Query;
        var start = Math.Max(0, Long(query["start"]) ?? 0);
        var size = (int)Math.Clamp(Long(query["size"]) ?? pageSize, 1, MaxPageSize);
        var errorsOnly = query["errors"] == "1";
        var session = await sessions.LoadAsync(context.Keys, http.RequestAborted);
        if (await TableOrRefuseAsync(http, context, session) is not { } table) return;
        var edits = session.Edits();
        var page = table.Page(edits, errorsOnly, start, size);
        var keys = await KeysOfAsync(context, http.RequestAborted);
        var errors = errorsOnly ? page.Total : table.Page(edits, true, 0, 1).Total;
        var all = errorsOnly ? table.Page(edits, false, 0, 1).Total : page.Total;
        await http.Response.WriteAsJsonAsync(new RowJson.Page(page.Total, page.Start, all, errors,
            page.Rows.Select(r => RowJson.Of(r, keys)).ToArray()));
    }

    private async Task EditAsync(HttpContext http, string token, long index)
    {
        if (await OpenAsync(http, token, write: true) is not { } context) return;
        Dictionary<string, string?>? values;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<EditBody>(http.Request.Body, JsonSerializerOptions.Web, http.RequestAborted);
            values = body?.Values;
        }
        catch (JsonException)
        {
            values = null;
        }
        if (values is null || values.Count == 0)
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsJsonAsync(new { error = "Send {\"values\": {\"<field key>\": \"<new text>\"}}." });
            return;
        }
        var prepared = await workspace.PrepareAsync(context, http.RequestAborted);
        var initial = await sessions.LoadAsync(context.Keys, http.RequestAborted);
        if (await RowTableOrRefuseAsync(http, context, initial, index) is not { } table) return;
        try
        {
            var row = await sessions.UpdateAsync(context.Keys, session =>
            {
                if (session.Deleted.Contains(index)) throw new ReviewChoiceException($"Row {index + 1} was deleted.");
                var current = session.Edits().Edited.TryGetValue(index, out var edited) ? edited : table.Read(index);
                var problems = new SchemaProblems();
                var r = prepared.Resolved;
                using var schema = CompiledSchema.Compile(r.Fields, r.Settings, r.Hooks, new HookSandboxOptions { Parallelism = 1 }, problems)
                    ?? throw new InvalidDataException("The schema no longer compiles: " + string.Join("; ", problems.All));
                var updated = ReviewRowEvaluator.Edit(schema, current, values);
                session.SetEdited(updated);
                return Task.FromResult(updated);
            }, http.RequestAborted);
            await http.Response.WriteAsJsonAsync(RowJson.Of(row, await KeysOfAsync(context, http.RequestAborted)));
        }
        catch (ReviewChoiceException e)
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsJsonAsync(new { error = e.Message });
        }
        catch (ImportFailureException e)
        {
            // A row hook that throws on the edited row: the person sees the hook's message and can edit again.
            http.Response.StatusCode = 422;
            await http.Response.WriteAsJsonAsync(new { error = e.Message });
        }
    }

    private sealed record EditBody(Dictionary<string, string?>? Values);

    private async Task DeleteAsync(HttpContext http, string token, long index)
    {
        if (await OpenAsync(http, token, write: true) is not { } context) return;
        var initial = await sessions.LoadAsync(context.Keys, http.RequestAborted);
        if (await RowTableOrRefuseAsync(http, context, initial, index) is not { } table) return;
        await sessions.UpdateAsync(context.Keys, session =>
        {
            session.Deleted.Add(index);
            session.Edited.Remove(index);
            return Task.FromResult(0);
        }, http.RequestAborted);
        await http.Response.WriteAsJsonAsync(new { deleted = index });
    }

    private async Task FinishAsync(HttpContext http, string token)
    {
        if (await OpenAsync(http, token, write: true) is not { } context) return;
        var session = await sessions.LoadAsync(context.Keys, http.RequestAborted);
        if (await TableOrRefuseAsync(http, context, session) is not { } table) return;
        var result = await finishing.FinishAsync(context, session, table, http.RequestAborted);
        if (result.State == FinishResult.Finished) workspace.Forget(context.Uid);
        await http.Response.WriteAsJsonAsync(result);
    }

    /// <summary>The table, when it can be shown and holds row <paramref name="index"/> (0-based); else the refusal is written.</summary>
    private async Task<ReviewTable?> RowTableOrRefuseAsync(HttpContext http, ReviewContext context, ReviewSessionState session, long index)
    {
        if (await TableOrRefuseAsync(http, context, session) is not { } table) return null;
        if (index >= 0 && index < table.RowCount) return table;
        http.Response.StatusCode = 404;
        await http.Response.WriteAsJsonAsync(new { error = $"There is no row {index + 1}." });
        return null;
    }

    private async Task<ReviewTable?> TableOrRefuseAsync(HttpContext http, ReviewContext context, ReviewSessionState session)
    {
        if (!session.LayoutConfirmed && LayoutReasons.Contains(context.Import.Status?.Reason ?? ""))
        {
            http.Response.StatusCode = 409;
            await http.Response.WriteAsJsonAsync(new { error = "Choose the header row and map the columns first." });
            return null;
        }
        var build = await workspace.TableAsync(context, session.Choices, http.RequestAborted);
        if (build.Table is null)
        {
            http.Response.StatusCode = 409;
            await http.Response.WriteAsJsonAsync(new { error = build.Layout?.ProblemMessage ?? build.FailureMessage ?? "The rows cannot be shown." });
            return null;
        }
        return build.Table;
    }

    /// <summary>The field keys in schema order (the import is prepared by then: the table was built from it).</summary>
    private async Task<IReadOnlyList<string>> KeysOfAsync(ReviewContext context, CancellationToken cancellationToken) =>
        (await workspace.PrepareAsync(context, cancellationToken)).Resolved.Fields.Select(f => f.Key).ToArray();

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
