using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Operator.Jobs;

/// <summary>
/// The processing Job's name is a function of the import alone (name + start of its uid), so every reconcile — on
/// any replica, after any restart — asks for the same Job, and a second one can never be created: the API answers
/// 409 AlreadyExists instead. The uid part keeps a re-created import with the same name apart from its predecessor.
/// </summary>
public static class ProcessingJobNames
{
    // Jobs label their pods with job-name=<name>: a label value is at most 63 characters.
    private const int MaxLength = 63;
    private const int UidLength = 8;

    public static string For(HeadlessImport import) => For(import.Metadata.Name, import.Metadata.Uid);

    public static string For(string importName, string uid)
    {
        var suffix = "-" + uid.Replace("-", "", StringComparison.Ordinal)[..UidLength].ToLowerInvariant();
        var stem = importName.Length + suffix.Length > MaxLength ? importName[..(MaxLength - suffix.Length)].TrimEnd('-', '.') : importName;
        return stem + suffix;
    }
}
