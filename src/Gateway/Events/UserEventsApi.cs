using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using UserManagement.Gateway.Authentication;
using UserManagement.Gateway.Common;
using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Events;

/// <summary>
/// For operators (an ADMIN token): a user's events not yet published, and publishing again the ones that were parked
/// after failing for good (access denied, an unknown bus, or too many failed attempts).
/// </summary>
public static class UserEventsApi
{
    public static RouteGroupBuilder MapUserEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/admin/users/{userId}/events").WithTags("Administration").RequireAuthorization();
        api.MapGet("", GetEvents)
            .WithSummary("List a user's events not yet published: pending, or parked with the reason (administrators only)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/republish", Republish)
            .WithSummary("Publish a user's parked events again, with the same ids (administrators only)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<ApiResponse<IReadOnlyList<OutgoingEventStatus>>>, ProblemHttpResult>> GetEvents(
        string userId, ClaimsPrincipal principal, IGrainFactory grains)
    {
        if (Refusal(userId, principal, out var key) is { } refused)
        {
            return refused;
        }

        var events = await IdempotentCalls.Retry(() => grains.GetGrain<IUserEventsGrain>(key).GetOutgoingEvents());
        return events is null ? NotFound() : TypedResults.Ok(new ApiResponse<IReadOnlyList<OutgoingEventStatus>>(events));
    }

    private static async Task<Results<Ok<ApiResponse<RepublishResponse>>, ProblemHttpResult>> Republish(
        string userId, ClaimsPrincipal principal, IGrainFactory grains)
    {
        if (Refusal(userId, principal, out var key) is { } refused)
        {
            return refused;
        }

        // Safe to repeat: a second call finds nothing parked.
        var republished = await IdempotentCalls.Retry(() => grains.GetGrain<IUserEventsGrain>(key).RepublishParkedEvents());
        return republished is { } count ? TypedResults.Ok(new ApiResponse<RepublishResponse>(new RepublishResponse(count))) : NotFound();
    }

    private static ProblemHttpResult? Refusal(string userId, ClaimsPrincipal principal, out string key)
    {
        key = "";
        if (!principal.HasClaim(TokenClaims.UserType, UserTierNames.Admin))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                detail: "Only an administrator's token may see or re-publish a user's events.");
        }

        return UserKey.TryResolve(userId, out key) ? null : NotFound();
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found");

    /// <param name="Republished">How many parked events were made pending again and handed to the publisher.</param>
    public sealed record RepublishResponse(int Republished);
}
