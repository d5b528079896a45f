using Microsoft.Extensions.Logging;
using UserManagement.Contracts.OAuth;

namespace UserManagement.Grains.OAuth;

public sealed class OAuthApplicationGrain(
    [PersistentState("client", OAuthEntityGrain<OAuthApplication>.StorageName)] IPersistentState<OAuthEntityState<OAuthApplication>> stored,
    TimeProvider time,
    ILogger<OAuthApplicationGrain> logger) : OAuthEntityGrain<OAuthApplication>(stored, time, logger), IOAuthApplicationGrain;
