using UserManagement.Ingest.Processing;

namespace UserManagement.Ingest.Orders;

/// <summary>The command an order event translates to, or why it cannot be translated.</summary>
public sealed record OrderTranslation(UserOrder? Command, DeadLetterReason? Failure)
{
    public static OrderTranslation Translated(UserOrder command) => new(command, null);

    public static OrderTranslation Untranslatable(DeadLetterReason reason) => new(null, reason);
}
