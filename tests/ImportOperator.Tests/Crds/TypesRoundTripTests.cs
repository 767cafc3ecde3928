using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using k8s;
using k8s.Models;

namespace ImportOperator.Tests.Crds;

/// <summary>What the operator writes through KubernetesClient (the C# types, serialized) is what the CRDs accept.</summary>
public sealed class TypesRoundTripTests
{
    [Fact]
    public void A_headless_import_with_a_full_status_serialized_by_kubernetes_client_is_accepted()
    {
        var import = new HeadlessImport
        {
            Metadata = new V1ObjectMeta { Name = "contacts", NamespaceProperty = "crm" },
            Spec = new HeadlessImportSpec
            {
                Fields =
                [
                    new FieldDefinition
                    {
                        Key = "email", Label = "Email", Type = FieldTypes.Email,
                        Validators = [new ValidatorDefinition { Validate = ValidatorKinds.Required, Level = MessageLevel.Warning }],
                    },
                    new FieldDefinition
                    {
                        Key = "status", Label = "Status", Type = FieldTypes.Select,
                        SelectOptions = [new SelectOption { Label = "Active", Value = "active" }],
                    },
                ],
                Settings = new ImportSettings { ImportIdentifier = "contacts-import", InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit },
                InitialData = [new JsonObject { ["email"] = "a@b.co", ["status"] = "Active" }],
                User = new ImportUser { Id = "jeff_id" },
            },
            Status = new HeadlessImportStatus
            {
                Phase = ImportPhases.NeedsReview,
                Id = Guid.NewGuid().ToString(),
                UploadExpiresAt = DateTime.UtcNow.AddMinutes(30),
                ReviewUrl = "https://review.example/x",
                Reason = "ValidationErrors",
                Message = "1 row has errors.",
                ResultMetadata = new ResultMetadata { NumDataRows = 1, NumInvalidRows = 1 },
                ImportErrors = [new ImportErrorEntry { RowIndex = 0, FieldKey = "email", Message = "Required" }],
                Result = new ImportResultLocation { Data = "s3://bucket/data.json" },
                StartTime = DateTime.UtcNow,
                ObservedGeneration = 1,
                Conditions =
                [
                    new V1Condition { Type = "Complete", Status = "False", Reason = "NeedsReview", Message = "", LastTransitionTime = DateTime.UtcNow, ObservedGeneration = 1 },
                ],
            },
        };

        var json = JsonNode.Parse(KubernetesJson.Serialize(import))!;
        var errors = GeneratedValidators.Validate(json);

        Assert.True(errors.Count == 0, GeneratedValidators.Describe(errors));
        Assert.Equal("warning", (string?)json["spec"]!["fields"]![0]!["validators"]![0]!["level"]);
        Assert.Equal("NEEDS_REVIEW", (string?)json["status"]!["phase"]);
    }

    [Fact]
    public void A_saved_schema_with_a_ready_condition_is_accepted()
    {
        var schema = new ImportSchema
        {
            Metadata = new V1ObjectMeta { Name = "contacts" },
            Spec = new ImportSchemaSpec { Fields = [new FieldDefinition { Key = "a", Label = "A" }] },
            Status = new ImportSchemaStatus
            {
                FieldCount = 1,
                ObservedGeneration = 2,
                Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "Valid", Message = "", LastTransitionTime = DateTime.UtcNow }],
            },
        };

        var errors = GeneratedValidators.Validate(JsonNode.Parse(KubernetesJson.Serialize(schema))!);

        Assert.True(errors.Count == 0, GeneratedValidators.Describe(errors));
    }
}
