using k8s.Models;

namespace ImportOperator.Operator.Jobs;

/// <summary>Where a processing Job stands, read from its status conditions.</summary>
public enum JobState { Running, Succeeded, Failed }

public static class JobVerdict
{
    public static JobState StateOf(V1Job job)
    {
        foreach (var condition in job.Status?.Conditions ?? [])
        {
            if (condition.Status != "True") continue;
            if (condition.Type == "Complete") return JobState.Succeeded;
            if (condition.Type == "Failed") return JobState.Failed;
        }
        return JobState.Running;
    }

    public static V1JobCondition? FailedCondition(V1Job job) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
}
