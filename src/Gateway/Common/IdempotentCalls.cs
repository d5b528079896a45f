using UserManagement.Resilience;

namespace UserManagement.Gateway.Common;

/// <summary>
/// Retries a grain call that is safe to repeat when it failed because a silo died or the cluster is re-forming: the
/// grain is activated anew on a living silo, from stored state, within a second or two.
/// </summary>
public static class IdempotentCalls
{
    private const int Retries = 3;

    private static readonly Backoff Backoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    public static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < Retries && GrainCallFailures.IsClusterUnreachable(exception))
            {
                await Task.Delay(Backoff.Delay(attempt + 1));
            }
        }
    }
}
