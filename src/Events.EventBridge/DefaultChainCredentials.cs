using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace UserManagement.Events.EventBridge;

/// <summary>
/// The SDK's default credential chain (environment, profile, web identity, container and instance roles), walked when a
/// request is first signed rather than when the host starts, so a host without credentials still starts. The SDK caches
/// what it finds and refreshes temporary credentials before they expire.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() =>
        DefaultAWSCredentialsIdentityResolver.GetCredentials(null).GetCredentials();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
