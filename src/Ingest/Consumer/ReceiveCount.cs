using System.Globalization;
using Amazon.SQS.Model;

namespace UserManagement.Ingest.Consumer;

/// <summary>How often SQS has handed a message out, from the <c>ApproximateReceiveCount</c> system attribute the consumer asks for.</summary>
public static class ReceiveCount
{
    public const string AttributeName = "ApproximateReceiveCount";

    public static int Of(Message message) =>
        message.Attributes?.TryGetValue(AttributeName, out var text) == true
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
}
