using ImportOperator.Configuration;
using ImportOperator.Operator.Hosting;

namespace ImportOperator.Tests.Operator;

public sealed class OperatorSettingsTests
{
    [Fact]
    public void Flags_win_over_the_config_file_and_every_section_binds()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("operator-config-").FullName, "operator.json");
        File.WriteAllText(file, """
            {
              "Operator": { "WatchNamespace": "from-file", "UploadScanInterval": "00:00:07", "MaxConcurrentReconciles": 3 },
              "Storage": { "Bucket": "file-bucket", "Region": "eu-west-1" },
              "Worker": { "Image": "registry.example.com/import-operator:1.2.3", "BackoffLimit": 2 },
              "Notifications": { "ReviewLinkLifetime": "02:00:00" }
            }
            """);

        var settings = OperatorSettings.Bind(AppConfiguration.Build(file, new Dictionary<string, string?>
        {
            ["Operator:WatchNamespace"] = "from-flag",
            ["Storage:Bucket"] = "flag-bucket",
        }));

        Assert.Equal("from-flag", settings.Operator.WatchNamespace);
        Assert.Equal("flag-bucket", settings.Storage.Bucket);
        Assert.Equal("eu-west-1", settings.Storage.Region);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.Operator.UploadScanInterval);
        Assert.Equal(3, settings.Operator.MaxConcurrentReconciles);
        Assert.Equal("registry.example.com/import-operator:1.2.3", settings.Worker.Image);
        Assert.Equal(2, settings.Worker.BackoffLimit);
        Assert.Equal(TimeSpan.FromHours(2), settings.Notifications.ReviewLinkLifetime);
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once_by_its_key()
    {
        var settings = OperatorSettings.Bind(AppConfiguration.Build(null, new Dictionary<string, string?>
        {
            ["Operator:MaxConcurrentReconciles"] = "0",
            ["Worker:BackoffLimit"] = "50",
            ["Worker:ImagePullPolicy"] = "Sometimes",
            ["Notifications:ReviewBaseUrl"] = "https://imports.example.com",
        }));

        var problems = settings.Validate();

        Assert.Contains(problems, p => p.StartsWith("Operator:MaxConcurrentReconciles", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Worker:BackoffLimit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Worker:ImagePullPolicy", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Storage:Bucket is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ReviewSigningKeyFile is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_config_file_is_refused_with_exit_code_1()
    {
        var exit = await ImportOperator.Cli.OperatorCommand.RunAsync("/nonexistent/operator.json", new Dictionary<string, string?>(), CancellationToken.None);

        Assert.Equal(ImportOperator.Cli.OperatorCommand.ExitConfigurationError, exit);
    }
}
