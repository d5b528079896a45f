using UserManagement.Contracts.DataProtection;

namespace UserManagement.Grains.DataProtection;

/// <summary>
/// Keeps the gateway's Data Protection keys in one item. A key is made every 90 days and revocations are rare, so the
/// newest <see cref="MaxElements"/> elements cover years; older ones have long expired and protect nothing still in use.
/// </summary>
public sealed class DataProtectionKeysGrain(
    [PersistentState("dataProtectionKeys", "users")] IPersistentState<DataProtectionKeysState> stored) : Grain, IDataProtectionKeysGrain
{
    public const int MaxElements = 50;

    public Task<IReadOnlyList<string>> GetAll() => Task.FromResult<IReadOnlyList<string>>([.. stored.State.Elements.Select(e => e.Xml)]);

    public async Task Store(string friendlyName, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(xml);
        var elements = stored.State.Elements;
        elements.RemoveAll(e => e.FriendlyName == friendlyName);
        elements.Add(new StoredKeyElement(friendlyName, xml));
        if (elements.Count > MaxElements)
        {
            elements.RemoveRange(0, elements.Count - MaxElements);
        }

        await stored.WriteStateAsync();
    }
}

[GenerateSerializer]
public sealed class DataProtectionKeysState
{
    [Id(0)] public List<StoredKeyElement> Elements { get; set; } = [];
}

[GenerateSerializer]
public sealed record StoredKeyElement([property: Id(0)] string FriendlyName, [property: Id(1)] string Xml);
