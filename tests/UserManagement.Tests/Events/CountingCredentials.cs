using Amazon.Runtime;

namespace UserManagement.Tests.Events;

/// <summary>Fixed test credentials that count how often they are asked for, which is once for each request signed.</summary>
public sealed class CountingCredentials(string accessKey, string secretKey) : AWSCredentials
{
    private readonly BasicAWSCredentials _credentials = new(accessKey, secretKey);
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public override ImmutableCredentials GetCredentials()
    {
        Interlocked.Increment(ref _requests);
        return _credentials.GetCredentials();
    }

    public override Task<ImmutableCredentials> GetCredentialsAsync()
    {
        Interlocked.Increment(ref _requests);
        return _credentials.GetCredentialsAsync();
    }
}
