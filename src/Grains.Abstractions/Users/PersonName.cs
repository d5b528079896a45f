namespace UserManagement.Grains.Users;

public static class PersonName
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= MaxLength && !name.Any(char.IsControl);
}
