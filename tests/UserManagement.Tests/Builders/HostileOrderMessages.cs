using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace UserManagement.Tests.Builders;

/// <summary>What the ingest worker must make of a generated message body.</summary>
public enum ExpectedFate
{
    /// <summary>The order counts once for <see cref="OrderMessage.UserId"/>, however odd the rest of the body.</summary>
    Counted = 0,

    /// <summary>Not an event the contract defines, or an order that names nobody: moved to the dead-letter queue.</summary>
    DeadLettered = 1,

    /// <summary>A well-formed event of a type the service does not consume: acknowledged.</summary>
    Skipped = 2,
}

/// <summary>A queue message body, with what must become of it and why (the why is for a failing test's message).</summary>
public sealed record OrderMessage(string Body, ExpectedFate Fate, string Why, string? UserId = null, string? OrderId = null);

/// <summary>
/// Generators of order messages as a broken or hostile producer could put them on the bus, each with its expected fate:
/// lone surrogates and invalid escapes in every string field and in each envelope (EventBridge <c>detail</c> as an object
/// and as a string, SNS <c>Message</c>, the bare CloudEvent), wrong JSON types and missing members for every field,
/// duplicate keys, deep nesting, huge strings, byte-order marks, text that is not JSON; and valid orders, some with odd
/// parts that must not stop them counting (a broken <c>traceparent</c>, a huge <c>time</c>).
/// </summary>
public static class HostileOrderMessages
{
    private const string V1 = "orders.orderCompleted.v1";
    private const string V2 = "orders.orderCompleted.v2";

    /// <summary>The fields the contract requires: a wrong value in any makes the message malformed.</summary>
    private static readonly string[] RequiredCloudEventFields = ["specversion", "id", "source", "type", "data"];

    private static readonly string[] LoneSurrogateStrings = ["\"abc\\ud800\"", "\"\\udc00\"", "\"\\ud800\\ud800x\"", "\"x\\udfff\\ud83d\""];

    private static readonly string[] InvalidEscapeStrings = ["\"\\x41\"", "\"\\u12G4\"", "\"\\'\"", "\"tab\\\tx\"", "\"\\u00\""];

    /// <summary>Values of other JSON types that no parser could take for a string, whatever else it accepts.</summary>
    private static readonly string[] NonStrings = ["0", "-1.5e3", "true", "false", "null", "[]", "[\"a\"]", "{}", "{\"a\":1}"];

    private enum Envelope
    {
        Bare = 0,
        EventBridgeObject = 1,
        EventBridgeString = 2,
        Sns = 3,
    }

    /// <summary><paramref name="hostile"/> hostile messages and <paramref name="valid"/> valid orders, shuffled together.</summary>
    public static Gen<OrderMessage[]> Mixed(IReadOnlyList<(string UserId, string EmailAddress)> users, int hostile, int valid) =>
        Gen.Zip(Gen.ArrayOf(Hostile(users), hostile), Gen.ArrayOf(Valid(users), valid))
            .SelectMany(both => Gen.Shuffle(both.Item1.Concat(both.Item2)));

    public static Gen<OrderMessage> Valid(IReadOnlyList<(string UserId, string EmailAddress)> users) =>
        from parts in Order(users)
        from envelope in Gen.Elements(Enum.GetValues<Envelope>())
        select parts.Counted(envelope, "a valid order");

    public static Gen<OrderMessage> Hostile(IReadOnlyList<(string UserId, string EmailAddress)> users) =>
        from parts in Order(users)
        from envelope in Gen.Elements(Enum.GetValues<Envelope>())
        from message in Gen.OneOf(
            BrokenRequiredField(parts, envelope),
            BrokenOrderField(parts, envelope),
            OddButHarmless(parts, envelope),
            BrokenEnvelope(parts, envelope),
            BrokenDocument(parts, envelope),
            NotAnOrder(parts, envelope),
            NotJson)
        select message;

    private static Gen<EventParts> Order(IReadOnlyList<(string UserId, string EmailAddress)> users) =>
        from user in Gen.Elements(users.ToArray())
        from byEmailAddress in ArbMap.Default.GeneratorFor<bool>()
        from eventType in Gen.Elements(V1, V2)
        select new EventParts(eventType, user.UserId, byEmailAddress ? user.EmailAddress : user.UserId, $"order-{Guid.NewGuid():N}");

    /// <summary>A required CloudEvent attribute, or <c>data</c>, missing, of another type, or text that is no valid UTF-16.</summary>
    private static Gen<OrderMessage> BrokenRequiredField(EventParts parts, Envelope envelope) =>
        from field in Gen.Elements(RequiredCloudEventFields)
        from value in BrokenValue
        select parts.With(field, value).DeadLettered(envelope, $"{field} is {Abbreviated(value)}");

    /// <summary>The order id or the user: missing, another type, empty, too long, not valid text, or naming nobody.</summary>
    private static Gen<OrderMessage> BrokenOrderField(EventParts parts, Envelope envelope) =>
        from field in Gen.Elements(parts.OrderIdField, "userId")
        from value in Gen.OneOf(
            BrokenValue,
            Gen.Constant<string?>("\"\""),
            Gen.Choose(257, 20_000).Select(length => (string?)Json(new string('7', length))),
            Gen.Choose(129, 1_000).Select(length => (string?)Json(new string('é', length))))
        select parts.WithData(field, value).DeadLettered(envelope, $"data.{field} is {Abbreviated(value)}");

    /// <summary>Odd or broken parts the contract does not require: the order still counts.</summary>
    private static Gen<OrderMessage> OddButHarmless(EventParts parts, Envelope envelope) => Gen.OneOf(
        from value in Gen.OneOf(Gen.Elements(LoneSurrogateStrings), Gen.Elements(NonStrings), Gen.Elements(
            "\"not-a-traceparent\"", "\"00-00000000000000000000000000000000-0000000000000000-01\"", "\"ff-zz\"",
            $"\"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01-extra\"", Json(new string('0', 60_000))))
        from field in Gen.Elements("traceparent", "time", "datacontenttype")
        select parts.With(field, value).Counted(envelope, $"{field} is {Abbreviated(value)}"),
        Gen.Constant(parts.With("traceparent", null).Counted(envelope, "no traceparent")),
        from value in Gen.Elements(LoneSurrogateStrings)
        select parts.WithData("note", value).Counted(envelope, "an extra data member that is not valid text"),
        Gen.Constant(parts.With("extension", Nested(10)).Counted(envelope, "an extension nested ten deep")));

    /// <summary>The envelope itself broken: its event type, its <c>detail</c> or its <c>Message</c>.</summary>
    private static Gen<OrderMessage> BrokenEnvelope(EventParts parts, Envelope _) => Gen.OneOf(
        from value in Gen.OneOf(Gen.Elements(LoneSurrogateStrings), NonString)
        select parts.EventBridge(detailType: value).DeadLettered($"detail-type is {value}"),
        Gen.Constant(parts.EventBridge(detailType: null).Counted("an EventBridge event without detail-type")),
        from value in NonString
        select parts.EventBridge(detail: value).DeadLettered($"detail is {value}"),
        from value in Gen.Elements(LoneSurrogateStrings)
        select parts.EventBridge(detail: $"\"{Escaped(parts.CloudEventJson())}{value[1..]}").DeadLettered("the detail string holds a lone surrogate"),
        from value in Gen.OneOf(Gen.Elements(LoneSurrogateStrings), NonString)
        select parts.Sns(message: value).DeadLettered($"the SNS Message is {value}"),
        from value in Gen.Elements(LoneSurrogateStrings)
        select parts.Sns(message: $"\"{Escaped(parts.CloudEventJson())}{value[1..]}").DeadLettered("the SNS Message holds a lone surrogate"),
        Gen.Constant(parts.Sns(message: Json("\uFEFF" + parts.CloudEventJson())).DeadLettered("the SNS Message starts with a byte-order mark")),
        Gen.Constant(parts.EventBridge(detail: Json("\uFEFF" + parts.CloudEventJson())).DeadLettered("the detail string starts with a byte-order mark")));

    /// <summary>Faults of the whole document: invalid escapes, names that are no valid text, duplicate keys, nesting, a BOM, truncation.</summary>
    private static Gen<OrderMessage> BrokenDocument(EventParts parts, Envelope envelope) => Gen.OneOf(
        from value in Gen.Elements(InvalidEscapeStrings)
        from field in Gen.Elements("time", "id", "traceparent")
        select parts.With(field, value).DeadLettered(envelope, $"{field} is {value}, an invalid escape"),
        from value in Gen.Elements(InvalidEscapeStrings)
        select parts.WithData("note", value).DeadLettered(envelope, $"data.note is {value}, an invalid escape"),
        from name in Gen.Elements("a\\ud800", "\\udc00")
        select parts.With(name, "1").DeadLettered(envelope, $"a member named {name}"),
        from field in Gen.Elements("id", "type", "time", "traceparent")
        select parts.Duplicating(field).DeadLettered(envelope, $"{field} twice"),
        Gen.Constant(parts.DuplicatingData().DeadLettered(envelope, $"data.{parts.OrderIdField} twice")),
        from depth in Gen.Choose(65, 2_000)
        select parts.WithData("nested", Nested(depth)).DeadLettered(envelope, $"data nested {depth} deep"),
        Gen.Constant(new OrderMessage("\uFEFF" + parts.Build(envelope), ExpectedFate.DeadLettered, "a byte-order mark before the body")),
        from cut in Gen.Choose(1, 40)
        select new OrderMessage(parts.Build(envelope)[..^cut], ExpectedFate.DeadLettered, $"the body cut {cut} characters short"));

    /// <summary>Well-formed events the service does not consume, however odd their data: acknowledged, never counted.</summary>
    private static Gen<OrderMessage> NotAnOrder(EventParts parts, Envelope envelope) =>
        from eventType in Gen.Elements("inventory.stockChanged.v1", "orders.orderCompleted.v3", "orders.orderCancelled.v1", "")
        from data in Gen.Elements("{}", "\"text\"", "[1,2]", "null")
        select (parts with { EventType = eventType }).With("data", data).Skipped(envelope, $"event type '{eventType}'");

    private static Gen<OrderMessage> NotJson { get; } =
        from text in Gen.OneOf(
            HostileInput.Text,
            Gen.Elements("null", "[1,2,3]", "\"a string\"", "42", "{", "}", "{\"detail\":", "\uFEFF", " ", "{}"))
        let safe = SqsSafe(text)
        where safe.Length > 0
        select new OrderMessage(safe, ExpectedFate.DeadLettered, "not a JSON object");

    /// <summary>Any JSON value but a string, escaped lone surrogates and duplicate keys inside included.</summary>
    private static Gen<string> NonString { get; } = Gen.OneOf(
        Gen.Elements(NonStrings),
        HostileInput.JsonValue.Where(json => !json.StartsWith('"')));

    /// <summary>A value no field that must be a string can take: text that is no valid UTF-16, another type, or none at all.</summary>
    private static Gen<string?> BrokenValue { get; } = Gen.OneOf(
        Gen.Elements(LoneSurrogateStrings).Select(value => (string?)value),
        NonString.Select(value => (string?)value),
        Gen.Constant<string?>(null));

    private static string Nested(int depth) => new StringBuilder().Insert(0, "[", depth).Append('1').Insert(depth + 1, "]", depth).ToString();

    private static string Abbreviated(string? json) => json is null ? "missing" : json.Length > 40 ? $"{json[..20]}… ({json.Length} characters)" : json;

    /// <summary>A JSON string of <paramref name="text"/>; control characters escaped, the rest as it is.</summary>
    private static string Json(string text) => $"\"{Escaped(text)}\"";

    private static string Escaped(string text)
    {
        var json = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return json.ToString();
    }

    /// <summary>
    /// The text with every character SQS refuses in a body replaced: control characters and unpaired surrogates (and,
    /// as the emulator has it, characters beyond U+FFFF).
    /// </summary>
    private static string SqsSafe(string text) =>
        string.Concat(text.Select(c => c is '\t' or '\n' or '\r' || (c >= ' ' && !char.IsSurrogate(c) && c < '\uFFFE') ? c : '?'));

    /// <summary>
    /// One order event as JSON members, each value verbatim JSON text, so that any of them can be replaced by text no
    /// serializer would write. A member whose value is <see langword="null"/> is left out.
    /// </summary>
    private sealed record EventParts(string EventType, string UserKey, string UserField, string OrderId)
    {
        private static readonly string TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";

        /// <summary>CloudEvent members that replace the usual ones of the same name, or come in addition.</summary>
        public IReadOnlyList<(string Name, string? Json)> Members { get; init; } = [];

        public IReadOnlyList<(string Name, string? Json)> DataMembers { get; init; } = [];

        /// <summary>CloudEvent members written a second time.</summary>
        public IReadOnlyList<string> Repeated { get; init; } = [];

        public string OrderIdField => EventType == V1 ? "orderNumber" : "orderId";

        public EventParts With(string name, string? json) => this with { Members = [.. Members.Where(m => m.Name != name), (name, json)] };

        public EventParts WithData(string name, string? json) => this with { DataMembers = [.. DataMembers.Where(m => m.Name != name), (name, json)] };

        public EventParts Duplicating(string name) => this with { Repeated = [.. Repeated, name] };

        public EventParts DuplicatingData() => this with { RepeatsOrderId = true };

        public bool RepeatsOrderId { get; init; }

        public string CloudEventJson() => Object(CloudEventMembers());

        public string Build(Envelope envelope) => envelope switch
        {
            Envelope.EventBridgeObject => EventBridgeBody(Json(EventType), CloudEventJson()),
            Envelope.EventBridgeString => EventBridgeBody(Json(EventType), Json(CloudEventJson())),
            Envelope.Sns => SnsBody(Json(CloudEventJson())),
            _ => CloudEventJson(),
        };

        public EnvelopeBody EventBridge(string? detailType = "", string? detail = null) =>
            new(this, EventBridgeBody(detailType == "" ? Json(EventType) : detailType, detail ?? CloudEventJson()));

        public EnvelopeBody Sns(string? message) => new(this, SnsBody(message));

        public OrderMessage Counted(Envelope envelope, string why) => new(Build(envelope), ExpectedFate.Counted, $"{why} ({envelope})", UserKey, OrderId);

        public OrderMessage DeadLettered(Envelope envelope, string why) => new(Build(envelope), ExpectedFate.DeadLettered, $"{why} ({envelope})");

        public OrderMessage Skipped(Envelope envelope, string why) => new(Build(envelope), ExpectedFate.Skipped, $"{why} ({envelope})");

        private List<(string Name, string? Json)> CloudEventMembers()
        {
            List<(string Name, string? Json)> data = [("userId", Json(UserField)), (OrderIdField, Json(OrderId))];
            var cloudEvent = Merged(
                [
                    ("specversion", Json("1.0")),
                    ("id", Json(Guid.NewGuid().ToString())),
                    ("source", Json("test.orders")),
                    ("type", Json(EventType)),
                    ("time", Json(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))),
                    ("datacontenttype", Json("application/json")),
                    ("traceparent", Json(TraceParent)),
                    ("data", Object([.. Merged(data, DataMembers), .. RepeatsOrderId ? data.Skip(1) : []])),
                ],
                Members);
            return [.. cloudEvent, .. Repeated.Select(name => cloudEvent.First(m => m.Name == name))];
        }

        /// <summary>The members with each override in place of the member of its name, or added when there is none.</summary>
        private static List<(string Name, string? Json)> Merged(List<(string Name, string? Json)> members, IEnumerable<(string Name, string? Json)> overrides)
        {
            foreach (var (name, json) in overrides)
            {
                var index = members.FindIndex(m => m.Name == name);
                if (index >= 0)
                {
                    members[index] = (name, json);
                }
                else
                {
                    members.Add((name, json));
                }
            }

            return members;
        }

        private static string EventBridgeBody(string? detailType, string? detail) => Object(
        [
            ("version", Json("0")),
            ("id", Json(Guid.NewGuid().ToString())),
            ("detail-type", detailType),
            ("source", Json("test.orders")),
            ("detail", detail),
        ]);

        private static string SnsBody(string? message) => Object(
        [
            ("Type", Json("Notification")),
            ("MessageId", Json(Guid.NewGuid().ToString())),
            ("Message", message),
        ]);

        private static string Object(IEnumerable<(string Name, string? Json)> members) =>
            "{" + string.Join(',', members.Where(m => m.Json is not null).Select(m => $"\"{m.Name}\":{m.Json}")) + "}";
    }

    /// <summary>A body whose envelope was built by hand, waiting to be told its expected fate.</summary>
    private sealed record EnvelopeBody(EventParts Parts, string Body)
    {
        public OrderMessage Counted(string why) => new(Body, ExpectedFate.Counted, why, Parts.UserKey, Parts.OrderId);

        public OrderMessage DeadLettered(string why) => new(Body, ExpectedFate.DeadLettered, why);
    }
}
