namespace UserManagement.Contracts.DataProtection;

/// <summary>
/// The ASP.NET Core Data Protection key ring that every gateway shares (anti-forgery tokens and the sign-in page's
/// state are protected with it), as the XML elements its key manager writes. One grain, key <see cref="Key"/>.
/// </summary>
public interface IDataProtectionKeysGrain : IGrainWithStringKey
{
    public const string Key = "gateway";

    Task<IReadOnlyList<string>> GetAll();

    Task Store(string friendlyName, string xml);
}
