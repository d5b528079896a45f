using System.Diagnostics.CodeAnalysis;

namespace UserManagement.Contracts.Users;

/// <summary>
/// The details of the users whose grains are active in this process, as each grain last stored or read them, so a
/// read served in the same process (a silo that serves the API) costs no grain call. A grain replaces its entry before
/// it answers the call that changed it, and withdraws it when a write fails or it deactivates; a user without an entry
/// is read from the grain. Outside a silo there are none.
/// </summary>
public interface IActiveUserDetails
{
    bool TryGet(string userId, [NotNullWhen(true)] out UserDetails? details);
}
