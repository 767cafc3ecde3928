using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Manifests;
using k8s.Models;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>The repository's samples (samples/), re-homed into a test's namespace, and small imports built in code.</summary>
public static class Samples
{
    public static string ContactsCsvPath => RepositoryPaths.Of("samples", "contacts.csv");

    /// <summary>samples/contacts-schema.yaml and contacts-import.yaml, placed in <paramref name="ns"/> (metadata reset for creation).</summary>
    public static (ImportSchema Schema, HeadlessImport Import) Contacts(string ns, string? importName = null)
    {
        var set = ManifestSet.Load([RepositoryPaths.Of("samples", "contacts-schema.yaml"), RepositoryPaths.Of("samples", "contacts-import.yaml")]);
        var schema = set.Schemas.Single().Value;
        var import = set.SingleImport().Value;
        schema.Metadata = new V1ObjectMeta { Name = schema.Metadata.Name, NamespaceProperty = ns };
        import.Metadata = new V1ObjectMeta { Name = importName ?? import.Metadata.Name, NamespaceProperty = ns };
        return (schema, import);
    }

    /// <summary>An inline-schema import of name/email rows.</summary>
    public static HeadlessImport People(string ns, string name, ImportSettings? settings = null, HookDefinitions? hooks = null, string originalFilename = "people.csv") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new HeadlessImportSpec
        {
            Fields =
            [
                new FieldDefinition { Key = "name", Label = "Name", Validators = [new ValidatorDefinition { Validate = "required" }] },
                new FieldDefinition { Key = "email", Label = "Email", Type = "email" },
            ],
            Settings = settings,
            Hooks = hooks,
            OriginalFilename = originalFilename,
        },
    };

    public static byte[] PeopleCsv(params (string Name, string Email)[] rows) =>
        System.Text.Encoding.UTF8.GetBytes("Name,Email\n" + string.Concat(rows.Select(r => $"{r.Name},{r.Email}\n")));
}
