using System.Globalization;
using System.Text;
using System.Text.Json;
using UserManagement.Grains.Outbox;

namespace UserManagement.Grains.Events;

/// <summary><c>users.userCreated.v1</c>: the CloudEvent the contract's consumers read from the entry's <c>Detail</c>.</summary>
public static class UserCreatedEvent
{
    public const string Type = "users.userCreated.v1";

    /// <summary>The event of <paramref name="userId"/>'s registration, to be recorded in the write that creates the user.</summary>
    public static OutboxEvent Record(string source, string userId, DateTimeOffset now) =>
        OutboxEvent.Record(Type, now, (id, traceParent) => Detail(id, source, userId, now, traceParent));

    public static string Detail(string id, string source, string userId, DateTimeOffset time, string? traceParent)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", id);
            json.WriteString("source", source);
            json.WriteString("type", Type);
            // Milliseconds since the epoch, as text, as the shop's existing events carry it.
            json.WriteString("time", time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            json.WriteString("datacontenttype", "application/json");
            if (traceParent is not null)
            {
                json.WriteString("traceparent", traceParent);
            }

            json.WriteStartObject("data");
            json.WriteString("userId", userId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
