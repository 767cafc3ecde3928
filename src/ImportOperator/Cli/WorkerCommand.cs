using System.CommandLine;
using System.Diagnostics;
using ImportOperator.Storage;
using ImportOperator.Telemetry;
using ImportOperator.Worker;

namespace ImportOperator.Cli;

/// <summary>
/// The <c>worker</c> verb: what the processing Job runs. It reads the request and the input from object storage,
/// runs the engine and commits data.json, metadata.json and summary.json (last). Its exit code tells the Job's
/// podFailurePolicy what to do: 0 committed (whatever the import's phase), 3 never retry, 75 retry.
/// </summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var requestKey = new Option<string>("--request-key")
        {
            Description = "Key of the stored request, <namespace>/<name>/<uid>/request.json (the operator writes it when the import becomes PENDING).",
            Required = true,
        };
        var scratch = new Option<string?>("--scratch")
        {
            Description = "Folder for the downloaded input and the results before upload (default: the temp folder, the Job's emptyDir at /tmp). Deleted at the end.",
        };
        var logFormat = new Option<string?>("--log-format")
        {
            Description = "Stage lines as json or text (default: json when KUBERNETES_SERVICE_HOST is set, else text). The failure's last line is always plain.",
        };
        var config = new Option<string?>("--config")
        {
            Description = "A JSON config file (e.g. a mounted ConfigMap) with a \"Storage\" section; environment variables IMPORT_OPERATOR_Storage__* override it.",
        };
        var chunk = new Option<bool>("--chunk")
        {
            Description = "Process one chunk of a split import (a pod of the chunks Job): the chunk whose index is in JOB_COMPLETION_INDEX (Kubernetes sets it in an Indexed Job), or --chunk-index.",
        };
        var chunkIndex = new Option<int?>("--chunk-index")
        {
            Description = "With --chunk: the chunk to process (default: JOB_COMPLETION_INDEX).",
        };
        var merge = new Option<bool>("--merge")
        {
            Description = "Merge a split import's chunks and commit its results (the merge Job).",
        };
        var command = new Command("worker", """
            Process one import inside its processing Job: read <request-key> (the HeadlessImport and its ImportSchema,
            frozen by the operator), download the input beside it, run the same pipeline as `process`, and store
            results/data.json, results/metadata.json and results/summary.json under the import's prefix, the summary
            last so that a retried worker never leaves mixed results.

            Large files: when the request's split settings say so (the operator's Processing:* settings), the
            processing Job only plans chunks and stores split/plan.json, exiting 0 without a summary; the operator
            then runs one `worker --chunk` pod per chunk (an Indexed Job) and a `worker --merge`, which commits.

            Storage settings (environment, or the --config file's "Storage" section):
              IMPORT_OPERATOR_Storage__Bucket          the bucket holding the imports (required)
              IMPORT_OPERATOR_Storage__ServiceUrl      endpoint of MinIO/Ceph/s3rver; empty for AWS
              IMPORT_OPERATOR_Storage__Region          AWS region, or the signing region with ServiceUrl
              IMPORT_OPERATOR_Storage__ForcePathStyle  true for MinIO, Ceph and s3rver
            Credentials: Storage__AccessKeyIdFile and Storage__SecretAccessKeyFile, else the AWS default chain
            (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, web identity). They are never printed.

            Exit codes:
              0   results and summary committed, whatever the phase (SUCCESSFUL, NEEDS_REVIEW or FAILED)
              3   retrying cannot help: request or input missing, invalid request or settings
              75  temporary storage error (5xx, throttling, network, timeout): retry
              1   anything unexpected
            On failure the last line on standard error (and /dev/termination-log, when it exists) is the reason.

            Example:
              IMPORT_OPERATOR_Storage__Bucket=imports IMPORT_OPERATOR_Storage__ServiceUrl=http://127.0.0.1:9000 \
              IMPORT_OPERATOR_Storage__ForcePathStyle=true AWS_ACCESS_KEY_ID=minioadmin AWS_SECRET_ACCESS_KEY=minioadmin \
                import-operator worker --request-key crm/contacts-2026-11/3f2b9c1e-0d7a-4c55-9f1e-2a6d8b7c4e10/request.json
            """);
        command.Options.Add(requestKey);
        command.Options.Add(scratch);
        command.Options.Add(config);
        command.Options.Add(logFormat);
        command.Options.Add(chunk);
        command.Options.Add(chunkIndex);
        command.Options.Add(merge);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Spans and metrics leave by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the operator passes it on);
            // disposing flushes them before the process exits.
            if (parseResult.GetValue(chunk) && parseResult.GetValue(merge))
            {
                await Console.Error.WriteLineAsync("--chunk and --merge exclude each other: a chunk pod processes one chunk, the merge pod merges them all.").ConfigureAwait(false);
                return WorkerExitCodes.Permanent;
            }
            await using var telemetry = TelemetryExport.ForWorker();
            return await RunAsync(new WorkerInvocation
            {
                RequestKey = parseResult.GetValue(requestKey)!,
                ScratchDirectory = parseResult.GetValue(scratch),
                ConfigFile = parseResult.GetValue(config),
                LogFormat = parseResult.GetValue(logFormat),
                Mode = parseResult.GetValue(merge) ? WorkerMode.Merge : parseResult.GetValue(chunk) ? WorkerMode.Chunk : WorkerMode.Whole,
                ChunkIndex = parseResult.GetValue(chunkIndex),
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Runs the worker in-process and returns its exit code (<see cref="WorkerExitCodes"/>). Never throws: every
    /// failure ends with its reason as the last line written to <see cref="WorkerInvocation.Error"/>.
    /// </summary>
    public static Task<int> RunAsync(WorkerInvocation invocation, CancellationToken cancellationToken = default) =>
        RunAsync(invocation, store: null, cancellationToken);

    /// <summary>As <see cref="RunAsync(WorkerInvocation, CancellationToken)"/>, with a store to use instead of the configured one (tests inject storage faults with it).</summary>
    internal static async Task<int> RunAsync(WorkerInvocation invocation, IObjectStore? store, CancellationToken cancellationToken)
    {
        var log = new WorkerLog(invocation.Output, invocation.Error, invocation.TerminationLogPath) { Json = LogFormats.Resolve(invocation.LogFormat) == LogFormats.Json };
        // The worker's root span continues the import's trace from the reconcile that created the Job.
        var parent = invocation.TraceParent is { Length: > 0 } traceParent && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        using var span = ImportTelemetry.Source.StartActivity("worker", ActivityKind.Internal, parent);
        try
        {
            if (string.IsNullOrWhiteSpace(invocation.RequestKey))
                throw WorkerFailure.Permanent("--request-key is empty: pass the key of the stored request, <namespace>/<name>/<uid>/request.json.");
            var chunk = invocation.Mode == WorkerMode.Chunk ? ChunkIndexOf(invocation) : 0;
            using var storage = WorkerStorage.Open(invocation.ConfigFile);
            var worker = new ImportWorker(store ?? storage.Store, storage.Describe(), log, invocation.ProgressInterval, invocation.ProgressPublishInterval);
            switch (invocation.Mode)
            {
                case WorkerMode.Chunk:
                    await worker.RunChunkAsync(invocation.RequestKey, chunk, invocation.ScratchDirectory, cancellationToken).ConfigureAwait(false);
                    break;
                case WorkerMode.Merge:
                    await worker.RunMergeAsync(invocation.RequestKey, invocation.ScratchDirectory, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await worker.RunAsync(invocation.RequestKey, invocation.ScratchDirectory, cancellationToken).ConfigureAwait(false);
                    break;
            }
            return WorkerExitCodes.Committed;
        }
        catch (WorkerFailure failure)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure.Message);
            log.Failure(failure.Message);
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Failure("The worker was stopped before it committed the results (the pod was terminated); a new attempt starts over.");
            return WorkerExitCodes.Transient;
        }
        catch (Exception e)
        {
            // The stack trace is for whoever debugs it; the sentence after it is what the status shows.
            log.Detail(e.ToString());
            var transient = StorageErrors.IsTransient(e);
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            span?.AddException(e);
            log.Failure($"The worker failed {(transient ? "with a temporary error, so a retry can succeed" : "unexpectedly")}: {StorageErrors.Describe(e)}");
            return transient ? WorkerExitCodes.Transient : WorkerExitCodes.Unexpected;
        }
    }

    /// <summary>--chunk-index, else JOB_COMPLETION_INDEX as Kubernetes sets it in an Indexed Job's pods.</summary>
    static int ChunkIndexOf(WorkerInvocation invocation)
    {
        if (invocation.ChunkIndex is { } given) return given >= 0 ? given
            : throw WorkerFailure.Permanent($"--chunk-index {given} is negative: chunks are numbered from 0.");
        var text = Environment.GetEnvironmentVariable(WorkerInvocation.CompletionIndexVariable);
        if (string.IsNullOrWhiteSpace(text))
            throw WorkerFailure.Permanent($"--chunk needs the chunk's index: {WorkerInvocation.CompletionIndexVariable} is not set (Kubernetes sets it only in an Indexed Job's pods); pass --chunk-index to run a chunk by hand.");
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : throw WorkerFailure.Permanent($"{WorkerInvocation.CompletionIndexVariable} is '{text}', not a chunk index (0, 1, 2 ...).");
    }
}
