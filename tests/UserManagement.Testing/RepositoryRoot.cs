namespace UserManagement.Testing;

/// <summary>The repository's root folder: the nearest folder above the running program that holds the solution.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "UserManagement.sln";

    public static string Path { get; } = Find();

    /// <summary>A path below the root, e.g. <c>Below("emulators", "sqs.mjs")</c>.</summary>
    public static string Below(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}
