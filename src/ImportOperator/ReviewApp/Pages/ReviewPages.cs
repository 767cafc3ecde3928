using System.Globalization;
using System.Text;
using ImportOperator.Engine.Review;
using ImportOperator.Engine.Schema;

namespace ImportOperator.ReviewApp.Pages;

using static Html;

/// <summary>The review app's pages: the grid, the header and mapping step, and the pages that refuse or close.</summary>
internal static class ReviewPages
{
    public static string Denied(ReviewDenial denial) => Page(denial.Title,
        $"<section class=\"panel denied\" aria-labelledby=\"denied-title\"><h1 id=\"denied-title\">{E(denial.Title)}</h1>" +
        $"<p>{E(denial.Explanation)}</p><p class=\"code\">Error {(int)denial.Status}</p></section>", withScript: false);

    public static string Message(string title, string text) => Page(title,
        $"<section class=\"panel\" aria-labelledby=\"msg-title\"><h1 id=\"msg-title\">{E(title)}</h1><p>{E(text)}</p></section>", withScript: false);

    public static string Finished(ReviewContext context, string at) => Page("Review finished",
        $"<section class=\"panel done\" id=\"finished\" aria-labelledby=\"done-title\"><h1 id=\"done-title\">Review finished</h1>" +
        $"<p>Import <strong>{E(context.Namespace)}/{E(context.Name)}</strong> was finished at {E(at)}. Its results are being " +
        "delivered; there is nothing more to do here.</p></section>", withScript: false);

    private static string Why(ReviewContext context) =>
        $"<section class=\"why\" aria-labelledby=\"why-title\"><h2 id=\"why-title\">Why this import needs you</h2>" +
        $"<p><span class=\"reason\" id=\"reason\">{E(context.Import.Status?.Reason)}</span> <span id=\"why-message\">{E(context.Import.Status?.Message)}</span></p></section>";

    private static string Title(ReviewContext context) =>
        $"<h1>Review <span class=\"name\">{E(context.Import.Spec.OriginalFilename ?? context.Name)}</span></h1>" +
        $"<p class=\"sub\">Import {E(context.Namespace)}/{E(context.Name)}</p>";

    public static bool IsRequired(FieldDefinition field) =>
        field.RequireMapping == true || (field.Validators ?? []).Any(v => v.Validate == ValidatorKinds.Required);

    public static string Grid(ReviewContext context, IReadOnlyList<FieldDefinition> fields, ReviewTable table, string csrf, int pageSize)
    {
        var body = new StringBuilder();
        body.Append(Title(context)).Append(Why(context));
        body.Append("<div class=\"toolbar\" role=\"toolbar\" aria-label=\"Rows\">")
            .Append("<label class=\"check\"><input type=\"checkbox\" id=\"errors-only\"> Show only rows with errors</label>")
            .Append("<span id=\"counts\" class=\"counts\"></span>")
            .Append("<span class=\"pager\"><button type=\"button\" id=\"prev\">Previous page</button>")
            .Append("<span id=\"page-info\" aria-live=\"polite\"></span>")
            .Append("<button type=\"button\" id=\"next\">Next page</button></span>")
            .Append("<button type=\"button\" id=\"finish\" class=\"primary\">Finish import</button></div>")
            .Append("<div id=\"notice\" class=\"notice\" role=\"status\" aria-live=\"polite\"></div>");
        body.Append("<div class=\"grid-wrap\"><table id=\"grid\" data-page-size=\"")
            .Append(pageSize.ToString(CultureInfo.InvariantCulture))
            .Append("\" aria-describedby=\"grid-help\"><caption class=\"visually-hidden\">Rows of the import</caption><thead><tr><th scope=\"col\">Row</th>");
        foreach (var field in fields.Where(f => f.Hidden != true))
        {
            body.Append("<th scope=\"col\" data-key=\"").Append(E(field.Key)).Append("\" data-label=\"").Append(E(field.Label)).Append('"');
            if (field.ReadOnly == true) body.Append(" data-readonly=\"true\"");
            body.Append('>').Append(E(field.Label));
            if (IsRequired(field)) body.Append(" <abbr class=\"req\" title=\"required\">*</abbr>");
            body.Append("</th>");
        }
        body.Append("<th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th></tr></thead><tbody></tbody></table></div>")
            .Append("<p id=\"grid-help\" class=\"help\">Edit a cell, then press Enter or move on to save it; the row is checked again on the server. ")
            .Append("Escape puts the cell back. <abbr class=\"req\" title=\"required\">*</abbr> marks a required field.</p>");
        return Page($"Review {context.Name}", body.ToString(), withScript: true, csrf);
    }

    public static string Layout(ReviewContext context, IReadOnlyList<FieldDefinition> fields, ReviewLayout layout, string csrf, string? problem)
    {
        var body = new StringBuilder();
        body.Append(Title(context)).Append(Why(context));
        if (problem is not null) body.Append("<div class=\"notice error\" role=\"alert\" id=\"layout-problem\">").Append(E(problem)).Append("</div>");
        body.Append("<form method=\"post\" class=\"layout\" action=\"/review/").Append(E(context.Token)).Append("/layout\">")
            .Append("<input type=\"hidden\" name=\"_csrf\" value=\"").Append(E(csrf)).Append("\">")
            .Append("<input type=\"hidden\" name=\"shownHeader\" value=\"").Append(layout.HeaderRow.ToString(CultureInfo.InvariantCulture)).Append("\">");

        if (!layout.FixedHeader)
        {
            body.Append("<fieldset id=\"header-step\"><legend>Which row holds the column names?</legend><div class=\"grid-wrap\"><table class=\"top-rows\"><tbody>");
            for (var r = 0; r < layout.TopRows.Count; r++)
            {
                var id = $"header-{r}";
                body.Append("<tr><td><input type=\"radio\" name=\"headerRow\" id=\"").Append(id).Append("\" value=\"").Append(r.ToString(CultureInfo.InvariantCulture)).Append('"');
                if (r == layout.HeaderRow) body.Append(" checked");
                body.Append("></td><th scope=\"row\"><label for=\"").Append(id).Append("\">Row ").Append((r + 1).ToString(CultureInfo.InvariantCulture)).Append("</label></th>");
                foreach (var cell in layout.TopRows[r].Take(20)) body.Append("<td>").Append(E(cell)).Append("</td>");
                body.Append("</tr>");
            }
            body.Append("</tbody></table></div><p class=\"help\">Pick another row and press Continue to map its columns.</p></fieldset>");
        }

        if (layout.Mapping is { } mapping)
        {
            body.Append("<fieldset id=\"mapping-step\"><legend>Match the file's columns to the fields</legend><div class=\"mapping\">");
            for (var f = 0; f < fields.Count; f++)
            {
                var field = fields[f];
                var id = "map-" + f.ToString(CultureInfo.InvariantCulture);
                var current = mapping.ColumnsByField[f] is [var c, ..] ? c : -1;
                var suggested = f < layout.SuggestedColumnByField.Count ? layout.SuggestedColumnByField[f] : -1;
                body.Append("<div class=\"map-row\"><label for=\"").Append(id).Append("\">").Append(E(field.Label));
                if (IsRequired(field)) body.Append(" <abbr class=\"req\" title=\"required\">*</abbr>");
                body.Append("</label><select id=\"").Append(id).Append("\" name=\"map.").Append(E(field.Key)).Append("\" data-key=\"").Append(E(field.Key)).Append("\">")
                    .Append("<option value=\"-1\">— not mapped —</option>");
                for (var column = 0; column < mapping.Headers.Count; column++)
                {
                    body.Append("<option value=\"").Append(column.ToString(CultureInfo.InvariantCulture)).Append('"');
                    if (column == current) body.Append(" selected");
                    body.Append(">Column ").Append((column + 1).ToString(CultureInfo.InvariantCulture)).Append(": ").Append(E(mapping.Headers[column])).Append("</option>");
                }
                body.Append("</select><span class=\"hint\">");
                body.Append(suggested >= 0
                    ? $"Suggested: column {suggested + 1} ({E(mapping.Headers[suggested])})"
                    : Suggestion(field, mapping.Headers));
                body.Append("</span></div>");
            }
            body.Append("</div><p class=\"help\"><abbr class=\"req\" title=\"required\">*</abbr> marks a required field.</p></fieldset>");
        }
        body.Append("<div class=\"actions\"><button type=\"submit\" class=\"primary\" id=\"continue\">Continue</button></div></form>");
        return Page($"Review {context.Name}", body.ToString(), withScript: false, csrf);
    }

    /// <summary>Without a match, the closest header by name is still a useful hint.</summary>
    private static string Suggestion(FieldDefinition field, IReadOnlyList<string> headers)
    {
        var best = -1;
        var bestScore = 0.0;
        for (var column = 0; column < headers.Count; column++)
        {
            var score = Math.Max(Engine.Matching.StringSimilarity.Similarity(headers[column], field.Label),
                Engine.Matching.StringSimilarity.Similarity(headers[column], field.Key));
            if (score > bestScore) { bestScore = score; best = column; }
        }
        return best >= 0 && bestScore >= 0.4 ? $"Closest: column {best + 1} ({E(headers[best])})" : "No column looks like this field.";
    }
}
