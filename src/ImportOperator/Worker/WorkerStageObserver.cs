using System.Diagnostics;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Telemetry;

namespace ImportOperator.Worker;

/// <summary>
/// Turns the engine's stage timings into spans under the worker's "process" span (each from the stage's first start
/// to its last end, with its busy time as an attribute: stages overlap batch by batch) and into the stage and hook
/// duration metrics.
/// </summary>
internal sealed class WorkerStageObserver(Activity? parent) : IImportObserver
{
    public void StageCompleted(ImportStageTiming timing)
    {
        WorkerMetrics.StageDuration.Record(timing.Busy.TotalSeconds, WorkerMetrics.Stage(timing.Stage));
        if (timing.Stage == ImportStages.Hooks) WorkerMetrics.HookDuration.Record(timing.Busy.TotalSeconds);
        if (parent is null) return;
        using var span = ImportTelemetry.Source.StartActivity(timing.Stage, ActivityKind.Internal, parent.Context, startTime: timing.Start);
        if (span is null) return;
        span.SetTag(ImportTelemetry.Attributes.Stage, timing.Stage);
        span.SetTag(ImportTelemetry.Attributes.StageBusy, timing.Busy.TotalSeconds);
        span.SetTag(ImportTelemetry.Attributes.StageRuns, timing.Runs);
        span.SetEndTime(timing.End.UtcDateTime);
    }
}
