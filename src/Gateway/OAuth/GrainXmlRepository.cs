using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using UserManagement.Contracts.DataProtection;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// Data Protection's key ring kept in a grain, so every gateway protects and unprotects with the same keys: an
/// anti-forgery token or a sign-in ticket made by one node is accepted by the next. The key manager reads the ring
/// rarely (at start and about daily) and its interface is synchronous, so the grain call is waited on here.
/// </summary>
public sealed class GrainXmlRepository(IGrainFactory grains) : IXmlRepository
{
    private IDataProtectionKeysGrain Keys => grains.GetGrain<IDataProtectionKeysGrain>(IDataProtectionKeysGrain.Key);

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Keys.GetAll().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        Keys.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting)).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
}
