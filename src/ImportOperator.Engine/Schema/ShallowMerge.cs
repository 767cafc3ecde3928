using System.Reflection;

namespace ImportOperator.Engine.Schema;

/// <summary>
/// Key-by-key merge of two option objects: a property the override gives (non-null) wins, the others are kept.
/// This is Dromo's rule for an import's settings and hooks over its saved schema's.
/// </summary>
internal static class ShallowMerge
{
    public static T? Merge<T>(T? saved, T? overrides) where T : class, new()
    {
        if (saved is null) return overrides;
        if (overrides is null) return saved;
        var merged = new T();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite) continue;
            property.SetValue(merged, property.GetValue(overrides) ?? property.GetValue(saved));
        }
        return merged;
    }
}
