namespace UserManagement.Tests.Persistence;

[CollectionDefinition(Name)]
public sealed class DynamoDBCollection : ICollectionFixture<DynamoDBFixture>
{
    public const string Name = "dynamodb";
}
