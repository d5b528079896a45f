using UserManagement.Infrastructure.Tests.Support;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class CredentialFreeSynthesisTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Default;

    [Fact]
    public void Stack_is_environment_agnostic()
    {
        Assert.Equal("aws://unknown-account/unknown-region", _stack.Stack.Environment);
    }

    [Fact]
    public void Synthesis_needs_no_context_lookups()
    {
        var assembly = _stack.App.Synth();

        Assert.Null(assembly.Manifest.Missing);
    }

    [Fact]
    public void Vpc_is_created_in_the_stack_across_two_availability_zones()
    {
        Assert.Single(_stack.ResourcesOfType("AWS::EC2::VPC"));
        Assert.Equal(2, _stack.Stack.Network.Vpc.PublicSubnets.Length);
        Assert.Equal(2, _stack.Stack.Network.Vpc.PrivateSubnets.Length);
    }
}
