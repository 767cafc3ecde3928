using System.Reflection;

namespace ImportOperator.ReviewApp;

/// <summary>The page's script and stylesheet, embedded in the assembly: the app serves them itself, no CDN.</summary>
internal static class ReviewAssets
{
    private static readonly IReadOnlyDictionary<string, (byte[] Content, string ContentType)> All = Load();

    public static bool TryGet(string name, out byte[] content, out string contentType)
    {
        if (All.TryGetValue(name, out var asset))
        {
            (content, contentType) = asset;
            return true;
        }
        content = [];
        contentType = "";
        return false;
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(ReviewAssets).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("review.js", "text/javascript; charset=utf-8"), ("review.css", "text/css; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("ImportOperator.ReviewApp.Assets." + name)
                ?? throw new InvalidOperationException($"The embedded asset ReviewApp/Assets/{name} is missing from the build.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets[name] = (copy.ToArray(), type);
        }
        return assets;
    }
}
