using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Diagnostics;

namespace ImportOperator.Imports;

/// <summary>
/// The rules of a HeadlessImport spec that the CRD also states as CEL rules; checked here too (defence in depth),
/// with the same messages, for the local process command and for objects that reached the cluster some other way.
/// </summary>
public static class ImportSpecRules
{
    public const string ExactlyOneSchemaSource = "exactly one of schemaRef or fields must be set";
    public const string ExactlyOneInput = "exactly one of originalFilename or initialData must be set";

    public static void Check(HeadlessImportSpec spec, SchemaProblems problems)
    {
        var hasRef = spec.SchemaRef is not null;
        var hasFields = spec.Fields is not null;
        if (hasRef == hasFields)
            problems.Add("spec", $"{ExactlyOneSchemaSource} ({(hasRef ? "both are" : "neither is")} set).");
        if (spec.SchemaRef is { Name: var name } && string.IsNullOrWhiteSpace(name))
            problems.Add("spec.schemaRef.name", "the name of an ImportSchema in the same namespace is required.");

        var hasFile = !string.IsNullOrEmpty(spec.OriginalFilename);
        var hasData = spec.InitialData is not null;
        if (hasFile == hasData)
            problems.Add("spec", $"{ExactlyOneInput} ({(hasFile ? "both are" : "neither is")} set).");

        if (spec.User is { } user && string.IsNullOrWhiteSpace(user.Id))
            problems.Add("spec.user.id", "required when user is given.");
    }
}
