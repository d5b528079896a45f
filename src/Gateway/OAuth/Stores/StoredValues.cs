using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace UserManagement.Gateway.OAuth.Stores;

/// <summary>Conversions between OpenIddict's value types and the plain ones the grain state holds.</summary>
public static class StoredValues
{
    public static ImmutableDictionary<string, JsonElement> ReadProperties(string? json) =>
        string.IsNullOrEmpty(json)
            ? ImmutableDictionary<string, JsonElement>.Empty
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToImmutableDictionary(StringComparer.Ordinal);

    public static string? WriteProperties(ImmutableDictionary<string, JsonElement> properties) =>
        properties is null or { Count: 0 } ? null : JsonSerializer.Serialize(properties);

    public static ImmutableArray<string> ToArray(List<string> values) => [.. values];

    public static ImmutableDictionary<CultureInfo, string> ToCultures(Dictionary<string, string> values) =>
        values.ToImmutableDictionary(pair => CultureInfo.GetCultureInfo(pair.Key), pair => pair.Value);

    public static Dictionary<string, string> FromCultures(ImmutableDictionary<CultureInfo, string> values) =>
        values.ToDictionary(pair => pair.Key.Name, pair => pair.Value, StringComparer.Ordinal);
}
