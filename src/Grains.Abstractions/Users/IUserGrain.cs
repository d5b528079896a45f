namespace UserManagement.Grains.Users;

/// <summary>
/// One user of the shop. The grain key is the user id (see <see cref="UserKey"/>), so the id and the
/// email address resolve to the same grain without a lookup table.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account; refuses, changing nothing, when it exists, unless the registration repeats the one that
    /// created it (same names and password): then it answers that user, as a client whose answer was lost expects.
    /// </summary>
    Task<RegistrationResult> Register(Registration registration);

    /// <summary>Creates the account as an administrator unless it exists; running it twice changes nothing.</summary>
    Task<RegistrationResult> RegisterAdministrator(Registration registration);

    /// <summary>
    /// Checks the password. A wrong password and an unknown user get the same answer in about the same time; after
    /// repeated failures the account is throttled with an exponential, capped back-off, known or not.
    /// </summary>
    Task<LoginResult> LogIn(Password password);

    /// <summary>The user, or <see langword="null"/> when nobody is registered under this key.</summary>
    Task<UserDetails?> GetDetails();

    /// <summary>Counts a completed order once, however often it is delivered.</summary>
    Task<OrderRecording> RecordCompletedOrder(CompletedOrder order);
}
