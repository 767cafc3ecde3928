using System.Diagnostics;

namespace ImportOperator.Runtime.Telemetry;

/// <summary>
/// The runtime's spans, on the ActivitySource "ImportOperator.Runtime": one <c>reconcile &lt;controller&gt;</c> span per
/// reconcile. Nothing is recorded unless an OpenTelemetry tracer (or any ActivityListener) listens to this source.
/// </summary>
public static class RuntimeTracing
{
    public const string SourceName = "ImportOperator.Runtime";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Span attributes (OpenTelemetry style: a dotted namespace of our own, then the k8s.* conventions).</summary>
    public static class Attributes
    {
        public const string Controller = "controller.name";
        public const string Namespace = "k8s.namespace.name";
        public const string Name = "controller.object.name";
        public const string Result = "controller.reconcile.result";
        public const string Attempt = "controller.reconcile.attempt";
    }

    /// <summary>
    /// Starts the span of one reconcile. <paramref name="parent"/> is the trace the object belongs to (e.g. read from
    /// an annotation the reconciler keeps); without one the reconcile starts a trace of its own.
    /// </summary>
    public static Activity? StartReconcile(string controller, ObjectKey key, ActivityContext? parent, int attempt)
    {
        var activity = Source.StartActivity($"reconcile {controller}", ActivityKind.Internal, parent ?? default);
        if (activity is null) return null;
        activity.SetTag(Attributes.Controller, controller);
        activity.SetTag(Attributes.Namespace, key.Namespace);
        activity.SetTag(Attributes.Name, key.Name);
        activity.SetTag(Attributes.Attempt, attempt);
        return activity;
    }

    /// <summary>Records how the reconcile ended: the result word, and the exception for errors.</summary>
    public static void End(Activity? activity, string result, Exception? error)
    {
        if (activity is null) return;
        activity.SetTag(Attributes.Result, result);
        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.AddException(error);
        }
    }
}
