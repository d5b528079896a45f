using System.Net;

namespace UserManagement.Contracts.Users;

/// <summary>
/// One user of the shop. The grain key is the user id (see <see cref="UserKey"/>), so the id and the
/// email address resolve to the same grain without a lookup table.
/// </summary>
/// <remarks>
/// The calls that hash a password take the caller's <see cref="CancellationToken"/>: a hash whose caller has given up
/// is never computed. When the silo's hashing queue is full they throw <c>PasswordHashingBusyException</c> at once.
/// </remarks>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account; refuses, changing nothing, when it exists, unless the registration repeats the one that
    /// created it (same names and password): then it answers that user, as a client whose answer was lost expects. The
    /// password check of a repeat counts as a log-in attempt from <paramref name="clientAddress"/>.
    /// </summary>
    Task<RegistrationResult> Register(
        Registration registration, IPAddress? clientAddress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the password. A wrong password and an unknown user get the same answer in about the same time. Failures
    /// are counted per client address (<paramref name="clientAddress"/>, the one the gateway saw; <see langword="null"/>
    /// for callers inside the cluster) and per account, each with its own capped back-off, known account or not.
    /// </summary>
    Task<LoginResult> LogIn(Password password, IPAddress? clientAddress = null, CancellationToken cancellationToken = default);

    /// <summary>The user, or <see langword="null"/> when nobody is registered under this key.</summary>
    Task<UserDetails?> GetDetails();

    /// <summary>Counts a completed order once, however often it is delivered.</summary>
    Task<OrderRecording> RecordCompletedOrder(CompletedOrder order);
}
