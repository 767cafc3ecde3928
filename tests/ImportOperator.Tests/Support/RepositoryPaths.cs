namespace ImportOperator.Tests;

/// <summary>Finds the repository's folders from the test binaries, wherever the clone is.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ImportOperator.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ImportOperator.sln not found above " + AppContext.BaseDirectory);
    }
}
