using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace ImportOperator.Runtime.Crds;

/// <summary>
/// Turns a C# type into a structural OpenAPI v3 schema as apiextensions.k8s.io/v1 expects it, reading the same
/// attributes the types already carry for people and for System.Text.Json:
/// [JsonPropertyName] or camelCase names, [Description], [DefaultValue], [Required], [AllowedValues], [Range],
/// [MinLength], [MaxLength], [Length], [RegularExpression], plus <see cref="KubeValidationAttribute"/> and
/// <see cref="PreserveUnknownFieldsAttribute"/>. Nullability only means "not required": no <c>nullable</c> is
/// emitted, because <c>nullable: false</c> is the default and writing it makes GitOps diffs noisy.
/// Properties are emitted in ordinal order so that the output does not depend on reflection order.
/// </summary>
public sealed class OpenApiSchemaGenerator(SchemaRules? rules = null)
{
    private readonly SchemaRules _rules = rules ?? new SchemaRules();
    private readonly Stack<Type> _inProgress = new();

    /// <summary>The schema of <paramref name="type"/>, described by <paramref name="description"/> when given.</summary>
    public V1JSONSchemaProps Generate(Type type, string? description = null)
    {
        var schema = ForType(type, member: null);
        schema.Description = description ?? schema.Description;
        return schema;
    }

    private V1JSONSchemaProps ForType(Type type, PropertyInfo? member)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var memberDescription = member?.GetCustomAttribute<DescriptionAttribute>()?.Description;

        if (type == typeof(List<V1Condition>) || type == typeof(IList<V1Condition>))
            return ConditionSchema.List(memberDescription);

        var schema = Scalar(type) ?? Composite(type);
        schema.Description = memberDescription ?? type.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (member is not null) ApplyMemberAttributes(schema, member);
        AddRules(schema, _rules.For(type));
        AddRules(schema, type.GetCustomAttributes<KubeValidationAttribute>().Select(ToRule));
        if (type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null) schema.XKubernetesPreserveUnknownFields = true;
        return schema;
    }

    private static V1JSONSchemaProps? Scalar(Type type)
    {
        if (type == typeof(string)) return new() { Type = "string" };
        if (type == typeof(bool)) return new() { Type = "boolean" };
        if (type == typeof(int) || type == typeof(short) || type == typeof(byte)) return new() { Type = "integer", Format = "int32" };
        if (type == typeof(long) || type == typeof(uint)) return new() { Type = "integer", Format = "int64" };
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return new() { Type = "number", Format = "double" };
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return new() { Type = "string", Format = "date-time" };
        if (type.IsEnum) return new() { Type = "string", EnumProperty = EnumNames(type) };
        // Free-form JSON: the API server must keep whatever is there.
        if (type == typeof(JsonObject)) return new() { Type = "object", XKubernetesPreserveUnknownFields = true };
        if (type == typeof(JsonArray))
            return new() { Type = "array", Items = new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true } };
        if (type == typeof(JsonNode) || type == typeof(JsonElement) || type == typeof(object))
            return new() { XKubernetesPreserveUnknownFields = true };
        // Kubernetes validates object metadata itself; a CRD schema must not expand it.
        if (type == typeof(V1ObjectMeta)) return new() { Type = "object" };
        return null;
    }

    private V1JSONSchemaProps Composite(Type type)
    {
        if (DictionaryValueType(type) is { } valueType)
            return new() { Type = "object", AdditionalProperties = ForType(valueType, member: null) };
        if (ListItemType(type) is { } itemType)
            return new() { Type = "array", Items = ForType(itemType, member: null) };
        if (type.IsClass) return ObjectSchema(type);
        throw new NotSupportedException($"No OpenAPI mapping for {type.FullName}.");
    }

    private V1JSONSchemaProps ObjectSchema(Type type)
    {
        if (_inProgress.Contains(type))
            throw new NotSupportedException($"{type.FullName} refers to itself; structural schemas cannot be recursive.");
        _inProgress.Push(type);
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Computed helpers (get-only) and ignored members are not part of the manifest.
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0) continue;
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always }) continue;
            var name = JsonName(property);
            var schema = ForType(property.PropertyType, property);
            AddRules(schema, _rules.For(property));
            properties[name] = schema;
            if (property.GetCustomAttribute<RequiredAttribute>() is not null) required.Add(name);
        }
        _inProgress.Pop();
        return new()
        {
            Type = "object",
            Properties = properties,
            Required = required.Count > 0 ? [.. required] : null,
        };
    }

    private static void ApplyMemberAttributes(V1JSONSchemaProps schema, PropertyInfo member)
    {
        if (member.GetCustomAttribute<DefaultValueAttribute>() is { Value: { } value })
            schema.DefaultProperty = value is Enum enumValue ? EnumName(enumValue) : value;
        if (member.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed) schema.EnumProperty = [.. allowed.Values.OfType<object>()];
        if (member.GetCustomAttribute<RangeAttribute>() is { } range) ApplyRange(schema, range);
        if (member.GetCustomAttribute<RegularExpressionAttribute>() is { } regex) schema.Pattern = regex.Pattern;
        if (member.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null) schema.XKubernetesPreserveUnknownFields = true;
        AddRules(schema, member.GetCustomAttributes<KubeValidationAttribute>().Select(ToRule));

        var isArray = schema.Type == "array";
        if (member.GetCustomAttribute<MinLengthAttribute>() is { } min) SetMinimumCount(schema, isArray, min.Length);
        if (member.GetCustomAttribute<MaxLengthAttribute>() is { } max) SetMaximumCount(schema, isArray, max.Length);
        if (member.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            SetMinimumCount(schema, isArray, length.MinimumLength);
            SetMaximumCount(schema, isArray, length.MaximumLength);
        }
    }

    private static void SetMinimumCount(V1JSONSchemaProps schema, bool isArray, int value)
    {
        if (isArray) schema.MinItems = value; else schema.MinLength = value;
    }

    private static void SetMaximumCount(V1JSONSchemaProps schema, bool isArray, int value)
    {
        if (isArray) schema.MaxItems = value; else schema.MaxLength = value;
    }

    private static void ApplyRange(V1JSONSchemaProps schema, RangeAttribute range)
    {
        // A bound equal to the type's own limit (e.g. long.MaxValue) says "unbounded": leave it out rather than
        // print a float that cannot represent it exactly.
        var minimum = Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
        var maximum = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
        if (!IsTypeLimit(range.Minimum)) schema.Minimum = minimum;
        if (!IsTypeLimit(range.Maximum)) schema.Maximum = maximum;
    }

    private static bool IsTypeLimit(object bound) => bound switch
    {
        int i => i is int.MaxValue or int.MinValue,
        long l => l is long.MaxValue or long.MinValue,
        // [Range(1, long.MaxValue)] binds to the double overload: long.MaxValue arrives as 9.223372036854776E18.
        double d => double.IsInfinity(d) || Math.Abs(d) >= long.MaxValue || d is int.MaxValue or int.MinValue,
        _ => false,
    };

    private static void AddRules(V1JSONSchemaProps schema, IEnumerable<V1ValidationRule> rules)
    {
        foreach (var rule in rules) (schema.XKubernetesValidations ??= []).Add(rule);
    }

    private static V1ValidationRule ToRule(KubeValidationAttribute attribute) =>
        new() { Rule = attribute.Rule, Message = attribute.Message };

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static List<object> EnumNames(Type enumType) =>
        [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (object)EnumName(field))];

    private static string EnumName(Enum value) =>
        EnumName(value.GetType().GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)!);

    private static string EnumName(FieldInfo field) =>
        field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() is var definition &&
                (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)))
            {
                var arguments = candidate.GetGenericArguments();
                if (arguments[0] != typeof(string))
                    throw new NotSupportedException($"{type.FullName}: only string keys can be expressed in a CRD schema.");
                return arguments[1];
            }
        }
        return null;
    }

    private static Type? ListItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)) return null;
        if (type.IsArray) return type.GetElementType();
        foreach (var candidate in type.GetInterfaces().Append(type))
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                return candidate.GetGenericArguments()[0];
        return null;
    }
}
