using System.Text;
using System.Text.Encodings.Web;

namespace ImportOperator.ReviewApp.Pages;

/// <summary>Builds pages as text: every value goes through <see cref="E"/>; there is no inline script or style.</summary>
internal static class Html
{
    public const string AssetBase = "/review/assets/";

    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>The page frame: stylesheet, a landmark per region, and the script only when the page needs one.</summary>
    public static string Page(string title, string body, bool withScript, string? csrfToken = null)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">");
        if (csrfToken is not null) html.Append("<meta name=\"review-csrf\" content=\"").Append(E(csrfToken)).Append("\">");
        html.Append("<title>").Append(E(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(AssetBase).Append("review.css\"></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"top\"><span class=\"brand\">Import review</span></header>")
            .Append("<main id=\"main\" tabindex=\"-1\">").Append(body).Append("</main>");
        if (withScript) html.Append("<script src=\"").Append(AssetBase).Append("review.js\" defer></script>");
        return html.Append("</body></html>\n").ToString();
    }
}
