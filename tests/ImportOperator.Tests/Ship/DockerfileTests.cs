using System.Text.RegularExpressions;

namespace ImportOperator.Tests.Ship;

/// <summary>
/// No Docker engine here, so the Dockerfile is checked for what can be: its publish command is run as written (into a
/// temporary folder instead of /app), and what the runtime stage starts must exist in that output and run.
/// </summary>
public sealed partial class DockerfileTests
{
    static readonly string Dockerfile = File.ReadAllText(RepositoryPaths.Of("Dockerfile"));

    [GeneratedRegex(@"^RUN (dotnet publish .+) -o /app\s*$", RegexOptions.Multiline)]
    private static partial Regex PublishLine();

    [Fact]
    public void The_runtime_stage_is_the_aspnet_image_running_as_the_app_user_with_the_executable_as_entrypoint()
    {
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", Dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0[-a-z]* AS runtime$", Dockerfile);
        Assert.Matches(@"(?m)^USER 1654$", Dockerfile);
        Assert.Matches(@"(?m)^ENTRYPOINT \[""/app/import-operator""\]$", Dockerfile);
        Assert.Contains("DOTNET_EnableDiagnostics=0", Dockerfile);
        // The processing Jobs start the same path and the chart's pods run as the same user.
        Assert.Equal("/app/import-operator", new ImportOperator.Operator.Hosting.WorkerJobOptions().Executable);
    }

    [Fact]
    public void Every_project_the_executable_builds_from_is_copied_for_the_restore_layer()
    {
        foreach (var project in Directory.GetFiles(RepositoryPaths.Of("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, project).Replace('\\', '/');
            Assert.Contains($"COPY {relative} ", Dockerfile);
        }
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
            Assert.True(File.Exists(RepositoryPaths.Of(file)) && Dockerfile.Contains(file, StringComparison.Ordinal), $"{file} must exist and be copied before restore.");
    }

    /// <summary>Slow (a Release publish, ~1 minute on this machine): the same command the image build runs.</summary>
    [Fact]
    public void The_dockerfiles_publish_command_produces_the_entrypoint_and_it_runs()
    {
        var match = PublishLine().Match(Dockerfile);
        Assert.True(match.Success, "The Dockerfile has no `RUN dotnet publish ... -o /app` line.");
        var output = Directory.CreateTempSubdirectory("docker-publish-").FullName;
        try
        {
            var arguments = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Concat(["-o", output, "-nologo"]);
            var publish = ShipTools.Run("dotnet", arguments, TimeSpan.FromMinutes(10));
            Assert.True(publish.ExitCode == 0, publish.Describe("dotnet publish"));

            var entrypoint = Path.Combine(output, "import-operator");
            Assert.True(File.Exists(entrypoint), $"The publish output has no {entrypoint}, the image's ENTRYPOINT.");
            var help = ShipTools.Run(entrypoint, ["--help"], TimeSpan.FromMinutes(1));
            Assert.True(help.ExitCode == 0, help.Describe("import-operator --help"));
            foreach (var verb in new[] { "operator", "worker", "review", "process" })
                Assert.Contains(verb, help.Output);
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }
}
