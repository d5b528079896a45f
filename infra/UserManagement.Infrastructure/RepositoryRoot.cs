namespace UserManagement.Infrastructure;

/// <summary>Finds the repository root (where the Dockerfile and solution live), the build context of the service image.</summary>
public static class RepositoryRoot
{
    private const string SolutionFileName = "UserManagement.sln";

    public static string Locate(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No {SolutionFileName} found in {startDirectory} or any parent directory.");
    }
}
