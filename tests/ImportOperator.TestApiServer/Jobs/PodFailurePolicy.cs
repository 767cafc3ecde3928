using System.Globalization;
using System.Text.Json.Nodes;
using static ImportOperator.TestApiServer.Jobs.JsonRead;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>What the Job controller does with one failed Pod.</summary>
public enum PodFailureAction { Count, Ignore, FailJob }

/// <summary>The verdict on a failed Pod: the action, and for FailJob the Job condition's message.</summary>
public sealed record PodFailureVerdict(PodFailureAction Action, string? FailJobMessage);

/// <summary>
/// A Job's spec.podFailurePolicy, applied as the Job controller does: rules in order, the first match wins;
/// onExitCodes looks only at terminated containers with a non-zero exit code; onPodConditions matches a pod
/// condition of that type and status (status defaults to True); a rule with an unknown action is skipped; no match
/// counts the failure.
/// </summary>
public static class PodFailurePolicy
{
    public static PodFailureVerdict Evaluate(JsonNode? policy, JsonObject failedPod)
    {
        var ns = Str(failedPod["metadata"]?["namespace"]);
        var name = Str(failedPod["metadata"]?["name"]);
        var index = -1;
        foreach (var rule in Objects(policy?["rules"]))
        {
            index++;
            var action = Str(rule["action"]) switch
            {
                "Count" => PodFailureAction.Count,
                "Ignore" => PodFailureAction.Ignore,
                "FailJob" => PodFailureAction.FailJob,
                _ => (PodFailureAction?)null,
            };
            if (action is null) continue;
            string? message = null;
            if (rule["onExitCodes"] is JsonObject onExitCodes)
            {
                if (MatchExitCodes(failedPod, onExitCodes) is not { } container) continue;
                message = $"Container {container.Name} for pod {ns}/{name} failed with exit code {container.ExitCode.ToString(CultureInfo.InvariantCulture)} matching FailJob rule at index {index.ToString(CultureInfo.InvariantCulture)}";
            }
            else if (rule["onPodConditions"] is JsonArray patterns)
            {
                if (MatchConditions(failedPod, patterns) is not { } condition) continue;
                message = $"Pod {ns}/{name} has condition {condition} matching FailJob rule at index {index.ToString(CultureInfo.InvariantCulture)}";
            }
            else continue;
            return new PodFailureVerdict(action.Value, action == PodFailureAction.FailJob ? message : null);
        }
        return new PodFailureVerdict(PodFailureAction.Count, null);
    }

    static (string Name, long ExitCode)? MatchExitCodes(JsonObject pod, JsonObject requirement)
    {
        var containerName = Str(requirement["containerName"]);
        var op = Str(requirement["operator"]);
        HashSet<long> values = requirement["values"] is JsonArray array ? [.. array.Select(Long).OfType<long>()] : [];
        foreach (var list in (string[])["containerStatuses", "initContainerStatuses"])
        {
            foreach (var status in Objects(pod["status"]?[list]))
            {
                if (status["state"]?["terminated"] is not JsonObject terminated) continue;
                var name = Str(status["name"]) ?? "";
                if (containerName is not null && containerName != name) continue;
                var exitCode = Long(terminated["exitCode"]) ?? 0;
                if (exitCode == 0) continue;
                var matches = op switch { "In" => values.Contains(exitCode), "NotIn" => !values.Contains(exitCode), _ => false };
                if (matches) return (name, exitCode);
            }
        }
        return null;
    }

    static string? MatchConditions(JsonObject pod, JsonArray patterns)
    {
        foreach (var condition in Objects(pod["status"]?["conditions"]))
            foreach (var pattern in patterns.OfType<JsonObject>())
                if (Str(condition["type"]) == Str(pattern["type"]) && Str(condition["status"]) == (Str(pattern["status"]) ?? "True"))
                    return Str(condition["type"]);
        return null;
    }
}
