namespace UserManagement.Testing.Builders;

/// <summary>The three ways an event reaches the queue.</summary>
public enum OrderEventEnvelope
{
    EventBridge = 0,
    Sns = 1,
    CloudEvent = 2,
}
