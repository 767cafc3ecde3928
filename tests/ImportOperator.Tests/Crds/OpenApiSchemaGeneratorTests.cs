using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ImportOperator.Runtime.Crds;
using k8s.Models;

namespace ImportOperator.Tests.Crds;

/// <summary>The generic generator maps C# to OpenAPI the way the CRDs need it.</summary>
public sealed class OpenApiSchemaGeneratorTests
{
    private enum Colour
    {
        [JsonStringEnumMemberName("light-red")] LightRed,
        Blue,
    }

    [Description("A sample type.")]
    [KubeValidation("self.count >= 0", "count must not be negative")]
    private sealed class Sample
    {
        [Required, MinLength(1), MaxLength(20), Description("The name.")]
        public string Name { get; set; } = "";
        public int? Count { get; set; }
        public long Total { get; set; }
        public double? Ratio { get; set; }
        public bool? Enabled { get; set; }
        public DateTime? When { get; set; }
        public Colour? Colour { get; set; }
        [AllowedValues("a", "b"), DefaultValue("a")]
        public string? Mode { get; set; }
        [Range(1, long.MaxValue)]
        public long? Limit { get; set; }
        [Range(60, 600)]
        public int? Seconds { get; set; }
        [MaxLength(5)]
        public List<string>? Tags { get; set; }
        public Dictionary<string, string>? Labels { get; set; }
        public JsonObject? Anything { get; set; }
        [JsonPropertyName("x-custom")]
        public string? Custom { get; set; }
        public List<V1Condition>? Conditions { get; set; }
        public V1ObjectMeta? Meta { get; set; }
        public string Computed => Name + "!";
    }

    private static readonly V1JSONSchemaProps Schema = new OpenApiSchemaGenerator().Generate(typeof(Sample));

    private static V1JSONSchemaProps Property(string name) => Schema.Properties[name];

    [Fact]
    public void Object_with_camel_case_properties_in_ordinal_order_and_required_from_the_attribute()
    {
        Assert.Equal("object", Schema.Type);
        Assert.Equal("A sample type.", Schema.Description);
        Assert.Equal(Schema.Properties.Keys.Order(StringComparer.Ordinal), Schema.Properties.Keys);
        Assert.Contains("x-custom", Schema.Properties.Keys);
        Assert.DoesNotContain("computed", Schema.Properties.Keys);
        Assert.Equal(["name"], Schema.Required);
    }

    [Theory]
    [InlineData("count", "integer", "int32")]
    [InlineData("total", "integer", "int64")]
    [InlineData("ratio", "number", "double")]
    [InlineData("enabled", "boolean", null)]
    [InlineData("when", "string", "date-time")]
    [InlineData("name", "string", null)]
    public void Scalars(string name, string type, string? format)
    {
        Assert.Equal(type, Property(name).Type);
        Assert.Equal(format, Property(name).Format);
        Assert.Null(Property(name).Nullable);
    }

    [Fact]
    public void Bounds_enums_defaults_and_descriptions()
    {
        Assert.Equal(("The name.", 1L, 20L), (Property("name").Description, Property("name").MinLength, Property("name").MaxLength));
        Assert.Equal(["light-red", "Blue"], Property("colour").EnumProperty);
        Assert.Equal(["a", "b"], Property("mode").EnumProperty);
        Assert.Equal("a", Property("mode").DefaultProperty);
        Assert.Equal((1d, (double?)null), (Property("limit").Minimum, Property("limit").Maximum));
        Assert.Equal((60d, 600d), (Property("seconds").Minimum, Property("seconds").Maximum));
        Assert.Equal(5, Property("tags").MaxItems);
        Assert.Equal("string", ((V1JSONSchemaProps)Property("tags").Items).Type);
    }

    [Fact]
    public void Maps_free_form_json_metadata_and_conditions()
    {
        Assert.Equal("string", ((V1JSONSchemaProps)Property("labels").AdditionalProperties).Type);
        Assert.True(Property("anything").XKubernetesPreserveUnknownFields);
        Assert.Null(Property("labels").XKubernetesPreserveUnknownFields);
        Assert.Equal("object", Property("meta").Type);
        Assert.Null(Property("meta").Properties);
        Assert.Equal("map", Property("conditions").XKubernetesListType);
        Assert.Equal(["type"], Property("conditions").XKubernetesListMapKeys);
    }

    [Fact]
    public void Rules_come_from_attributes_and_from_schema_rules()
    {
        Assert.Equal("count must not be negative", Assert.Single(Schema.XKubernetesValidations).Message);
        var rules = new SchemaRules().OnProperty((Sample s) => s.Tags, "self.all(t, t != '')", "tags must not be empty");
        var schema = new OpenApiSchemaGenerator(rules).Generate(typeof(Sample));
        Assert.Equal("self.all(t, t != '')", Assert.Single(schema.Properties["tags"].XKubernetesValidations).Rule);
    }
}
