using System.Diagnostics;

namespace UserManagement.Testing;

/// <summary>The emulators' npm packages, pinned in <c>emulators/package-lock.json</c>: installed once when missing.</summary>
public static class EmulatorPackages
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Folder { get; } = RepositoryRoot.Below("emulators");

    public static async Task EnsureInstalled(CancellationToken cancellationToken = default)
    {
        var marker = Path.Combine(Folder, "node_modules", ".package-lock.json");
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(marker))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--prefix", Folder, "--no-audit", "--no-fund", "--loglevel=error"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("npm could not be started; Node.js and npm are needed for the emulators.");
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            if (npm.ExitCode != 0 || !File.Exists(marker))
            {
                throw new InvalidOperationException($"'npm ci --prefix {Folder}' failed ({npm.ExitCode}): {await output}{await error}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
