namespace UserManagement.Infrastructure.Tests.Support;

/// <summary>
/// The stack with default settings (co-hosted), and split, each synthesised once for every test that needs no other
/// settings.
/// </summary>
public sealed class SynthesizedStackFixture
{
    public SynthesizedStack Default { get; } = StackSynthesizer.Synthesize();

    public SynthesizedStack Split { get; } = StackSynthesizer.Synthesize(new Dictionary<string, object> { ["topology"] = "split" });
}

[CollectionDefinition(Name)]
public sealed class SynthesizedStackCollection : ICollectionFixture<SynthesizedStackFixture>
{
    public const string Name = "Synthesized stack";
}
