using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>Failed log-ins of one account from one client network (<see cref="ClientNetwork"/>).</summary>
[GenerateSerializer]
public sealed class AddressFailures
{
    [Id(0)]
    public string Address { get; set; } = ClientNetwork.Unknown;

    /// <summary>Failures since the last success from here, or since the window passed.</summary>
    [Id(1)]
    public int Count { get; set; }

    [Id(2)]
    public DateTimeOffset LastAt { get; set; }
}
