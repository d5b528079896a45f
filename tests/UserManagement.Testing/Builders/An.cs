namespace UserManagement.Testing.Builders;

/// <summary>Entry point of the builders whose name reads better with "an": <c>An.OrderCompletedEvent()</c>.</summary>
public static class An
{
    public static OrderCompletedEventBuilder OrderCompletedEvent() => new();
}
