using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UserManagement.Grains.Outbox;

namespace UserManagement.Tests.Events;

/// <summary>The local run's stand-in takes what the publisher sends and shows it as EventBridge would deliver it.</summary>
public sealed class LocalEventBridgeEmulatorTests : IAsyncLifetime
{
    private EventBridgeEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EventBridgeEmulator.Start();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task An_event_published_to_the_stand_in_is_written_out_as_one_line()
    {
        await using var services = PublisherServices.Build(_emulator.Url, PublisherServices.Credentials(), new ConcurrentQueue<string>());

        var outcome = Assert.Single(await services.GetRequiredService<IEventPublisher>()
            .PublishOnce([PublisherServices.UserCreatedEvent("user-7")], CancellationToken.None));

        Assert.Equal(PublishResult.Accepted, outcome.Result);
        var line = JsonNode.Parse(Assert.Single(await File.ReadAllLinesAsync(_emulator.EventsFile)))!;
        Assert.False(string.IsNullOrEmpty((string?)line["EventId"]));
        Assert.Equal(PublisherServices.Source, (string?)line["Source"]);
        Assert.Equal(PublisherServices.UserCreated, (string?)line["DetailType"]);
        Assert.Equal(PublisherServices.BusName, (string?)line["EventBusName"]);
        Assert.Equal("user-7", (string?)JsonNode.Parse((string)line["Detail"]!)!["data"]!["userId"]);
    }

    [Fact]
    public async Task An_entry_the_stand_in_finds_malformed_is_refused_for_good()
    {
        await using var services = PublisherServices.Build(_emulator.Url, PublisherServices.Credentials(), new ConcurrentQueue<string>());
        var malformed = PublisherServices.UserCreatedEvent("user-8") with { Detail = "not json" };

        var outcome = Assert.Single(await services.GetRequiredService<IEventPublisher>().PublishOnce([malformed], CancellationToken.None));

        Assert.Equal((PublishResult.Permanent, "MalformedDetail"), (outcome.Result, outcome.ErrorCode));
    }

    [Fact]
    public async Task Its_mode_can_refuse_every_request_as_denied_and_be_changed_back_while_it_runs()
    {
        await using var denying = await EventBridgeEmulator.Start("deny");
        await using var services = PublisherServices.Build(denying.Url, PublisherServices.Credentials(), new ConcurrentQueue<string>());
        var publisher = services.GetRequiredService<IEventPublisher>();

        var denied = Assert.Single(await publisher.PublishOnce([PublisherServices.UserCreatedEvent("user-9")], CancellationToken.None));
        await denying.SetMode("accept");
        var accepted = Assert.Single(await publisher.PublishOnce([PublisherServices.UserCreatedEvent("user-9")], CancellationToken.None));

        Assert.Equal((PublishResult.Permanent, "AccessDeniedException"), (denied.Result, denied.ErrorCode));
        Assert.Equal(PublishResult.Accepted, accepted.Result);
        Assert.Single(await File.ReadAllLinesAsync(denying.EventsFile));
    }
}
