using ImportOperator.Storage;
using Microsoft.Extensions.Configuration;

namespace ImportOperator.Operator.Hosting;

/// <summary>All the operator's settings, bound from configuration and checked together so every problem is told at once.</summary>
public sealed class OperatorSettings
{
    public OperatorOptions Operator { get; } = new();
    public WorkerJobOptions Worker { get; } = new();
    public ObjectStorageOptions Storage { get; } = new();
    public NotificationOptions Notifications { get; } = new();
    public ProcessingOptions Processing { get; } = new();

    public const string NotificationsSection = "Notifications";

    public static OperatorSettings Bind(IConfiguration configuration)
    {
        var settings = new OperatorSettings();
        configuration.GetSection(OperatorOptions.SectionName).Bind(settings.Operator);
        configuration.GetSection(WorkerJobOptions.SectionName).Bind(settings.Worker);
        configuration.GetSection(ObjectStorageOptions.SectionName).Bind(settings.Storage);
        configuration.GetSection(NotificationsSection).Bind(settings.Notifications);
        configuration.GetSection(ProcessingOptions.SectionName).Bind(settings.Processing);
        return settings;
    }

    public IReadOnlyList<string> Validate() =>
        [.. Operator.Validate(), .. Worker.Validate(), .. Storage.Validate(), .. Notifications.Validate(), .. Processing.Validate()];
}
