using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using UserManagement.Gateway.Authentication;
using UserManagement.Gateway.Common;
using UserManagement.Gateway.Security;
using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Users;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/user").WithTags("Users");
        api.MapPost("", Register)
            .RequireRateLimiting(CredentialsRateLimit.PolicyName)
            .WithSummary("Register a user")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{userId}", GetUser)
            .WithSummary("Read a user by id or email address: the user named by the token, or any user for an admin")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<ApiResponse<UserResponse>>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterUserRequest request, IGrainFactory grains, HttpContext http)
    {
        var errors = RegisterUserRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The registration is not valid.");
        }

        var registration = new Registration(request.EmailAddress!, request.FirstName!, request.LastName!, new Password(request.Password!));
        var existing = await grains.FindUserByEmailAddress(registration.EmailAddress);
        using var deadline = GrainCallDeadline.For(http);
        var result = existing.GetPrimaryKeyString() == UserKey.FromEmailAddress(registration.EmailAddress)
            ? await existing.Register(registration, http.Connection.RemoteIpAddress, deadline.Token)
            : RegistrationResult.AlreadyRegistered;
        if (result.AddressReserved)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["email_address"] = ["This email address cannot be registered."] },
                title: "The registration is not valid.");
        }

        return result.User is { } user
            ? TypedResults.Ok(new ApiResponse<UserResponse>(UserResponse.From(user)))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Email address already registered",
                detail: "An account with this email address exists; log in instead.");
    }

    private static async Task<Results<Ok<ApiResponse<UserResponse>>, ProblemHttpResult>> GetUser(
        string userId, ClaimsPrincipal principal, IGrainFactory grains, HttpContext http)
    {
        var isAdmin = principal.HasClaim(TokenClaims.UserType, UserTierNames.Admin);
        var requested = AsSent(userId, http);
        if (!UserKey.TryResolve(requested, out var key))
        {
            return isAdmin
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found")
                : Forbidden();
        }

        if (requested.Contains('@', StringComparison.Ordinal))
        {
            key = (await IdempotentCalls.Retry(() => grains.FindUserByEmailAddress(requested))).GetPrimaryKeyString();
        }

        if (!isAdmin && principal.FindFirstValue(TokenClaims.Subject) != key)
        {
            return Forbidden();
        }

        // Co-hosted, a user whose grain is active here is read without a call; see IActiveUserDetails.
        var user = http.RequestServices.GetService<IActiveUserDetails>()?.TryGet(key, out var active) == true
            ? active
            : await IdempotentCalls.Retry(() => grains.GetUser(key).GetDetails());
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found")
            : TypedResults.Ok(new ApiResponse<UserResponse>(UserResponse.From(user)));
    }

    /// <summary>
    /// The user segment as the client sent it, decoded once. Servers decode a path except <c>%2F</c>, so an address
    /// with a <c>/</c> (which a local part may hold) arrives with <c>%2F</c> still in it, and could not be told from
    /// one holding the text <c>%2F</c> (<c>%</c> is allowed too); Kestrel's raw request target tells them apart. A
    /// server that keeps no raw target (the in-memory test server) leaves only <c>%2F</c> to decode.
    /// </summary>
    private static string AsSent(string userId, HttpContext http)
    {
        const string prefix = "/user/";
        if (!userId.Contains('%', StringComparison.Ordinal))
        {
            return userId;
        }

        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            return userId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        var segment = target.StartsWith(prefix, StringComparison.Ordinal) ? target[prefix.Length..].Split('?')[0] : "/";
        return segment.Contains('/', StringComparison.Ordinal) ? userId : Uri.UnescapeDataString(segment);
    }

    private static ProblemHttpResult Forbidden() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Forbidden",
        detail: "A token can read only its own user, unless it is an administrator's.");
}
