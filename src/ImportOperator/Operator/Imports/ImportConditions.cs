using k8s.Models;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// The HeadlessImport's conditions: one per state a user waits on or ends in. Setting a condition keeps its
/// lastTransitionTime unless its status changes, as the Kubernetes API conventions ask.
/// </summary>
public static class ImportConditions
{
    public const string SchemaResolved = "SchemaResolved";
    public const string Uploaded = "Uploaded";
    public const string Processing = "Processing";
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string NeedsReview = "NeedsReview";

    public static List<V1Condition> Set(List<V1Condition>? conditions, string type, bool status, string reason, string message, DateTime now, long? generation)
    {
        var list = conditions is null ? new List<V1Condition>() : [.. conditions];
        var text = status ? "True" : "False";
        var index = list.FindIndex(c => c.Type == type);
        var transition = index >= 0 && list[index].Status == text ? list[index].LastTransitionTime : now;
        var condition = new V1Condition
        {
            Type = type, Status = text, Reason = reason, Message = message, LastTransitionTime = transition, ObservedGeneration = generation,
        };
        if (index >= 0) list[index] = condition; else list.Add(condition);
        return list;
    }
}
