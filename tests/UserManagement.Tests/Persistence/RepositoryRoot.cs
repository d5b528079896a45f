namespace UserManagement.Tests.Persistence;

/// <summary>The repository's root folder: the nearest folder above the running program that holds the solution.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "UserManagement.sln";

    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}
