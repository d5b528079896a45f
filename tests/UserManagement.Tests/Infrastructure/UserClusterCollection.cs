namespace UserManagement.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class UserClusterCollection : ICollectionFixture<UserClusterFixture>
{
    public const string Name = "user cluster";
}
