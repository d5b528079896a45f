namespace UserManagement.Grains.Outbox;

[GenerateSerializer]
public sealed class OutboxIndexState
{
    [Id(0)]
    public List<string> UserIds { get; set; } = [];
}
