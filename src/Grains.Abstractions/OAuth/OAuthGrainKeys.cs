namespace UserManagement.Contracts.OAuth;

public static class OAuthGrainKeys
{
    /// <summary>The key of the consent grain of one user and one client; a separator that neither can contain.</summary>
    public static string Consent(string subject, string applicationId) => $"{subject}\n{applicationId}";

    public static IOAuthConsentGrain GetConsent(this IGrainFactory grains, string subject, string applicationId) =>
        grains.GetGrain<IOAuthConsentGrain>(Consent(subject, applicationId));
}
