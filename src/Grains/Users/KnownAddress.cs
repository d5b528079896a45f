using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>A client network the owner logged in from: its attempts are not held back by failures elsewhere.</summary>
[GenerateSerializer]
public sealed class KnownAddress
{
    [Id(0)]
    public string Address { get; set; } = ClientNetwork.Unknown;

    [Id(1)]
    public DateTimeOffset LastLoginAt { get; set; }
}
