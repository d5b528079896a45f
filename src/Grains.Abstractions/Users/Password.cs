namespace UserManagement.Contracts.Users;

/// <summary>A plaintext password in transit to the grain that hashes or verifies it.</summary>
/// <remarks>Its <see cref="ToString"/> never shows the value, so logging a record that holds one leaks nothing.</remarks>
[GenerateSerializer, Immutable]
public sealed record Password([property: Id(0)] string Value)
{
    public override string ToString() => "[redacted]";
}
