namespace ImportOperator.TestApiServer.Jobs;

/// <summary>One Pod the local Job runner creates for a Job: what fault choosers and kill predicates decide on.</summary>
/// <param name="Attempt">1 for the Job's first Pod, 2 for its first replacement, and so on (ignored failures included); in an Indexed Job, counted over all its indexes.</param>
/// <param name="CompletionIndex">The Pod's index in an Indexed Job (its JOB_COMPLETION_INDEX); null for other Jobs.</param>
public sealed record JobAttempt(string Namespace, string JobName, IReadOnlyDictionary<string, string> JobLabels, int Attempt, string PodName, int? CompletionIndex = null);
