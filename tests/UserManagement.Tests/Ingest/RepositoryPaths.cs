namespace UserManagement.Tests.Ingest;

/// <summary>Where the repository and the shared contract are, found from the test binaries rather than the working directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The contract lives in <c>shared/</c> beside the repository (a worktree or a CI clone alike).</summary>
    public static string ContractMessages { get; } = FindContractMessages();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "UserManagement.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No UserManagement.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindContractMessages()
    {
        string[] candidates =
        [
            Path.Combine(Root, "..", "shared", "contract", "messages"),
            Path.Combine(Root, "shared", "contract", "messages"),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"The contract's sample messages are not at {string.Join(" or ", candidates)}.");
    }
}
