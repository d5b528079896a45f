using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>
/// What only the silo does to a user's grain: create it as an administrator. Kept out of the contracts, so no cluster
/// client (the gateway, the ingest worker) can make an administrator.
/// </summary>
public interface IAdministratorAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account as an administrator unless it exists; running it twice changes nothing.</summary>
    Task<RegistrationResult> RegisterAdministrator(Registration registration, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="IUserGrain.GetDetails"/>
    Task<UserDetails?> GetDetails();
}
