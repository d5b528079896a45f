namespace UserManagement.Tests.Ingest;

/// <summary>Where the shared contract is, found from the repository rather than the working directory.</summary>
public static class RepositoryPaths
{
    /// <summary>The contract lives in <c>shared/</c> beside the repository (a worktree or a CI clone alike).</summary>
    public static string ContractMessages { get; } = FindContractMessages();

    private static string FindContractMessages()
    {
        string[] candidates =
        [
            Path.Combine(RepositoryRoot.Path, "..", "shared", "contract", "messages"),
            Path.Combine(RepositoryRoot.Path, "shared", "contract", "messages"),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"The contract's sample messages are not at {string.Join(" or ", candidates)}.");
    }
}
