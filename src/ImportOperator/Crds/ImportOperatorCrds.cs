using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Runtime.Crds;
using k8s.Models;

namespace ImportOperator.Crds;

/// <summary>The product's two custom resources: names, printer columns and CEL rules around the C# types.</summary>
public static class ImportOperatorCrds
{
    public static CustomResourceDescriptor HeadlessImport { get; } = new()
    {
        Group = ApiGroup.Group,
        Version = ApiGroup.Version,
        Kind = Api.V1Alpha1.HeadlessImport.KindName,
        Plural = Api.V1Alpha1.HeadlessImport.Plural,
        ShortNames = [Api.V1Alpha1.HeadlessImport.ShortName],
        Categories = [ApiGroup.Category],
        ResourceType = typeof(HeadlessImport),
        PrinterColumns =
        [
            new("Phase", "string", ".status.phase", "Where the import stands."),
            new("Rows", "integer", ".status.resultMetadata.numDataRows", "Data rows read."),
            new("Invalid", "integer", ".status.resultMetadata.numInvalidRows", "Data rows with at least one error."),
            new("Progress", "integer", ".status.progress.percent", "Percent of the input read, while RUNNING."),
            PrinterColumn.Age,
        ],
        Rules = SharedRules()
            .OnType<HeadlessImportSpec>(CrdRules.ExactlyOneSchemaSource.Rule, CrdRules.ExactlyOneSchemaSource.Message)
            .OnType<HeadlessImportSpec>(CrdRules.ExactlyOneDataSource.Rule, CrdRules.ExactlyOneDataSource.Message)
            .OnType<HeadlessImportSpec>(CrdRules.SpecImmutable.Rule, CrdRules.SpecImmutable.Message)
            .OnProperty((HeadlessImportSpec spec) => spec.Fields, CrdRules.UniqueFieldKeys.Rule, CrdRules.UniqueFieldKeys.Message),
    };

    public static CustomResourceDescriptor ImportSchema { get; } = new()
    {
        Group = ApiGroup.Group,
        Version = ApiGroup.Version,
        Kind = Api.V1Alpha1.ImportSchema.KindName,
        Plural = Api.V1Alpha1.ImportSchema.Plural,
        ShortNames = [Api.V1Alpha1.ImportSchema.ShortName],
        Categories = [ApiGroup.Category],
        ResourceType = typeof(ImportSchema),
        PrinterColumns =
        [
            new("Ready", "string", """.status.conditions[?(@.type=="Ready")].status""", "Whether the schema is usable."),
            new("Fields", "integer", ".status.fieldCount", "Number of fields."),
            PrinterColumn.Age,
        ],
        Rules = SharedRules()
            .OnProperty((ImportSchemaSpec spec) => spec.Fields, CrdRules.UniqueFieldKeys.Rule, CrdRules.UniqueFieldKeys.Message),
    };

    /// <summary>Both resources, in the order their files are listed.</summary>
    public static IReadOnlyList<CustomResourceDescriptor> All { get; } = [HeadlessImport, ImportSchema];

    public static V1CustomResourceDefinition Generate(CustomResourceDescriptor descriptor) =>
        CustomResourceDefinitionGenerator.Generate(descriptor);

    // The field and validator rules sit on engine types, which must not depend on Kubernetes: attach them here.
    private static SchemaRules SharedRules() => new SchemaRules()
        .OnType<FieldDefinition>(CrdRules.SelectHasOptions.Rule, CrdRules.SelectHasOptions.Message)
        .OnType<ValidatorDefinition>(CrdRules.RequireWithHasFields.Rule, CrdRules.RequireWithHasFields.Message)
        .OnType<ValidatorDefinition>(CrdRules.RequireWithValuesHasFieldValues.Rule, CrdRules.RequireWithValuesHasFieldValues.Message)
        .OnType<ValidatorDefinition>(CrdRules.RegexHasPattern.Rule, CrdRules.RegexHasPattern.Message)
        .OnType<ValidatorDefinition>(CrdRules.UniqueWithHasKey.Rule, CrdRules.UniqueWithHasKey.Message);
}
