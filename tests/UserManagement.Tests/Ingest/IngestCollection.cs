using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>The ingest tests: one cluster and one SQS emulator; each test has its own queues and consumer.</summary>
[CollectionDefinition(Name)]
public sealed class IngestCollection : ICollectionFixture<UserClusterFixture>, ICollectionFixture<SqsEmulator>
{
    public const string Name = "ingest";
}
