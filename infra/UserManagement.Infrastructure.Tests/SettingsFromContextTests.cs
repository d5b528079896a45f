using Amazon.CDK;

namespace UserManagement.Infrastructure.Tests;

public sealed class SettingsFromContextTests
{
    private static UserManagementSettings SettingsFrom(Dictionary<string, object> context) =>
        UserManagementSettings.FromContext(new App(new AppProps { Context = context }).Node);

    [Fact]
    public void Without_context_the_defaults_apply()
    {
        var settings = SettingsFrom([]);

        Assert.Equal(new UserManagementSettings(), settings);
        Assert.Equal("UserManagement-dev", settings.StackName);
        Assert.Null(settings.ImageTag);
        Assert.True(settings.TableDeletionProtection);
    }

    [Fact]
    public void Values_given_on_the_command_line_arrive_as_strings_and_are_parsed()
    {
        var settings = SettingsFrom(new Dictionary<string, object>
        {
            ["tableDeletionProtection"] = "False",
            ["natGateways"] = "2",
            ["imageTag"] = " 1.4.2 ",
        });

        Assert.False(settings.TableDeletionProtection);
        Assert.Equal(2, settings.NatGateways);
        Assert.Equal("1.4.2", settings.ImageTag);
    }

    [Fact]
    public void Blank_optional_values_count_as_unset()
    {
        var settings = SettingsFrom(new Dictionary<string, object> { ["certificateArn"] = "", ["alarmEmailAddress"] = "  " });

        Assert.Null(settings.CertificateArn);
        Assert.Null(settings.AlarmEmailAddress);
    }

    [Fact]
    public void A_deletion_protection_value_that_is_not_a_boolean_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SettingsFrom(new Dictionary<string, object> { ["tableDeletionProtection"] = "sometimes" }));

        Assert.Contains("tableDeletionProtection", error.Message, StringComparison.Ordinal);
    }
}
