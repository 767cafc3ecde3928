using System.Linq.Expressions;
using System.Reflection;
using k8s.Models;

namespace ImportOperator.Runtime.Crds;

/// <summary>
/// CEL rules attached from outside the types, for types that must not depend on this assembly (for example a
/// domain model shared with code that knows nothing of Kubernetes). Rules are emitted in the order they are added.
/// </summary>
public sealed class SchemaRules
{
    private readonly Dictionary<Type, List<V1ValidationRule>> _byType = [];
    // Keyed by declaring type and name: PropertyInfo instances differ by the type they were reflected from.
    private readonly Dictionary<(Type, string), List<V1ValidationRule>> _byProperty = [];

    /// <summary>A rule on every schema node generated for <typeparamref name="T"/> (self is the object).</summary>
    public SchemaRules OnType<T>(string rule, string message)
    {
        Add(_byType, typeof(T), rule, message);
        return this;
    }

    /// <summary>A rule on one property's schema node (self is the property's value, e.g. the whole list).</summary>
    public SchemaRules OnProperty<T, TValue>(Expression<Func<T, TValue>> property, string rule, string message)
    {
        if (property.Body is not MemberExpression { Member: PropertyInfo info })
            throw new ArgumentException("Expected a property access such as x => x.Fields.", nameof(property));
        Add(_byProperty, (info.DeclaringType!, info.Name), rule, message);
        return this;
    }

    internal IEnumerable<V1ValidationRule> For(Type type) =>
        _byType.TryGetValue(type, out var rules) ? rules : [];

    internal IEnumerable<V1ValidationRule> For(PropertyInfo property) =>
        _byProperty.TryGetValue((property.DeclaringType!, property.Name), out var rules) ? rules : [];

    private static void Add<TKey>(Dictionary<TKey, List<V1ValidationRule>> map, TKey key, string rule, string message)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var rules)) map[key] = rules = [];
        rules.Add(new V1ValidationRule { Rule = rule, Message = message });
    }
}
