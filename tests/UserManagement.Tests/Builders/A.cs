namespace UserManagement.Tests.Builders;

/// <summary>Entry point of the test data builders: <c>A.Registration()</c>.</summary>
public static class A
{
    public static RegistrationBuilder Registration() => new();
}
