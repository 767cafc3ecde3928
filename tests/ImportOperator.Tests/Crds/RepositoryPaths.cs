namespace ImportOperator.Tests.Crds;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ImportOperator.sln")) || File.Exists(Path.Combine(folder.FullName, "ImportOperator.slnx")))
                return folder.FullName;
        throw new InvalidOperationException($"No ImportOperator.sln above {AppContext.BaseDirectory}.");
    }
}
