using System.Diagnostics;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Persistence;

[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBTraceTests(DynamoDBFixture dynamo)
{
    private static readonly ActivitySource Caller = new("UserManagement.Tests");

    [Fact]
    public async Task Each_DynamoDB_call_is_a_client_span_beneath_the_grain_call_without_key_values()
    {
        CapturedTelemetry.Start();
        var registration = A.Registration();
        var userId = UserKey.FromEmailAddress(registration.EmailAddress);
        ActivityTraceId traceId;
        using (var caller = Caller.StartActivity("register in a test"))
        {
            traceId = caller!.TraceId;
            await dynamo.Grains.GetUser(userId).Register(registration.Build());
        }

        var spans = CapturedTelemetry.SpansOf(traceId);
        var grain = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName == "IUserGrain/Register");
        var write = Assert.Single(spans, s => s.DisplayName == $"PutItem {DynamoDBFixture.TableName}" && s.GetTagItem("orleans.state.name") as string == "user");
        Assert.Equal(ActivityKind.Client, write.Kind);
        Assert.Equal("dynamodb", write.GetTagItem("db.system"));
        Assert.Equal("PutItem", write.GetTagItem("db.operation.name"));
        Assert.Equal(DynamoDBFixture.TableName, write.GetTagItem("db.collection.name"));
        Assert.True(write.IsBeneath(grain, spans));
        var tagValues = string.Join(' ', spans.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString()));
        Assert.DoesNotContain(registration.EmailAddress, tagValues, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(spans, s => s.Source.Name.StartsWith("UserManagement.Persistence", StringComparison.Ordinal)
            && s.TagObjects.Any(t => t.Value?.ToString()?.Contains(userId, StringComparison.Ordinal) == true));
    }
}
