namespace UserManagement.Gateway.Common;

public static class RetryAfter
{
    /// <summary>A wait as the whole seconds a <c>Retry-After</c> header carries, rounded up and at least one.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
