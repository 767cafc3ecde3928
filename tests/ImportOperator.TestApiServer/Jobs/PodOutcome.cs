using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Jobs;

internal enum PodEnd { Succeeded, Failed, DeadlineExceeded, JobGone }

/// <summary>How one Pod of a Job ended, with the Pod as last written (for the podFailurePolicy).</summary>
internal sealed record PodOutcome(PodEnd End, JsonObject? Pod);
