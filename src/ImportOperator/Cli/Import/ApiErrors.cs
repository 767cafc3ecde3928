using System.Text.Json;
using k8s.Autorest;

namespace ImportOperator.Cli.Import;

/// <summary>The API server's own words for a refused request (the message of its Status body), as kubectl prints them.</summary>
public static class ApiErrors
{
    public static string Describe(HttpOperationException e)
    {
        var body = e.Response?.Content;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                    return message.GetString()!;
            }
            catch (JsonException) { }
        }
        return $"the API server answered {(int?)e.Response?.StatusCode} {e.Response?.ReasonPhrase}";
    }

    /// <summary>True when the server refused the request itself (4xx): the user's input is at fault, not the connection.</summary>
    public static bool IsRefusal(HttpOperationException e) => e.Response is { } r && (int)r.StatusCode is >= 400 and < 500;
}
