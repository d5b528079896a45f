using System.Net;
using System.Net.Sockets;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>
/// What log-in failures are counted by: an IPv4 address, or the /64 network of an IPv6 address (one subscriber's
/// network, whose hosts may pick any address in it at will, so counting single IPv6 addresses would count nothing).
/// </summary>
public static class ClientNetwork
{
    /// <summary>Callers that name no address: those inside the cluster, and a gateway that knows none.</summary>
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
