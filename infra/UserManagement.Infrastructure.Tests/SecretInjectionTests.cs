using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class SecretInjectionTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private string JwtSigningKeyId => _stack.LogicalIdOf(_stack.Stack.Secrets.JwtSigningKey);

    private string AdminPasswordId => _stack.LogicalIdOf(_stack.Stack.Secrets.AdminPassword);

    [Fact]
    public void Jwt_signing_key_is_generated_with_at_least_32_bytes()
    {
        var generator = _stack.Resource(JwtSigningKeyId)["Properties"]!["GenerateSecretString"]!;

        Assert.True((int?)generator["PasswordLength"] >= 32);
        // Without punctuation every character is one ASCII byte, so the length is the key size.
        Assert.True((bool?)generator["ExcludePunctuation"]);
    }

    [Fact]
    public void Gateway_receives_the_jwt_signing_key_as_an_ecs_secret()
    {
        var secrets = _stack.SecretsOf(_stack.Stack.Gateway!);

        Assert.Equal(["Jwt__Secret", "OAuth__KeySecret"], secrets.Keys.Order());
        Assert.True(JToken.DeepEquals(Ref(JwtSigningKeyId), secrets["Jwt__Secret"]));
        Assert.DoesNotContain("Jwt__Secret", _stack.EnvironmentOf(_stack.Stack.Gateway!).Keys);
        Assert.DoesNotContain("OAuth__KeySecret", _stack.EnvironmentOf(_stack.Stack.Gateway!).Keys);
    }

    [Fact]
    public void Silo_receives_the_admin_password_as_an_ecs_secret()
    {
        var secrets = _stack.SecretsOf(_stack.Stack.Silo);

        Assert.Equal(["Admin__Password"], secrets.Keys);
        Assert.True(JToken.DeepEquals(Ref(AdminPasswordId), secrets["Admin__Password"]));
        Assert.Equal("admin@serverless-sample.com", (string?)_stack.EnvironmentOf(_stack.Stack.Silo)["Admin__EmailAddress"]);
    }

    [Fact]
    public void Ingest_receives_no_secrets()
    {
        Assert.Empty(_stack.SecretsOf(_stack.Stack.Ingest!));
    }

    [Theory]
    [InlineData("Gateway", "JwtSigningKey")]
    [InlineData("Silo", "AdminPassword")]
    public void Only_the_execution_role_of_the_consuming_service_may_read_each_secret(string serviceName, string secretName)
    {
        var services = new Dictionary<string, UserManagementService>
        {
            ["Silo"] = _stack.Stack.Silo,
            ["Gateway"] = _stack.Stack.Gateway!,
            ["Ingest"] = _stack.Stack.Ingest!,
        };
        var secretId = secretName == "JwtSigningKey" ? JwtSigningKeyId : AdminPasswordId;

        var readers = _stack.ResourcesOfType("AWS::IAM::Policy")
            .Where(policy => policy.Properties["PolicyDocument"]!["Statement"]!.Any(statement =>
                AsStrings(statement["Action"]).Contains("secretsmanager:GetSecretValue")
                && JToken.DeepEquals(Ref(secretId), statement["Resource"])))
            .SelectMany(policy => policy.Properties["Roles"]!)
            .ToList();

        var reader = Assert.Single(readers);
        var executionRole = services[serviceName].TaskDefinition.ExecutionRole!;
        Assert.True(IsRefTo(reader, _stack.LogicalIdOf(executionRole)));
    }
}
