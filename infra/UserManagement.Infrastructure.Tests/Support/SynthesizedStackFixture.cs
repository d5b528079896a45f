namespace UserManagement.Infrastructure.Tests.Support;

/// <summary>The stack with default settings, synthesised once for every test that needs no other settings.</summary>
public sealed class SynthesizedStackFixture
{
    public SynthesizedStack Default { get; } = StackSynthesizer.Synthesize();
}

[CollectionDefinition(Name)]
public sealed class SynthesizedStackCollection : ICollectionFixture<SynthesizedStackFixture>
{
    public const string Name = "Synthesized stack";
}
