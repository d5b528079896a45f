namespace UserManagement.Tests.Builders;

/// <summary>Entry point of the test data builders: <c>A.Registration()</c>, <c>A.Token(userId)</c>.</summary>
public static class A
{
    public static RegistrationBuilder Registration() => new();

    public static TokenBuilder Token(string subject) => new(subject);
}
