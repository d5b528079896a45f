using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using UserManagement.Gateway.Common;
using UserManagement.Gateway.Security;
using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Authentication;

public static class LoginApi
{
    public static RouteGroupBuilder MapLoginApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/login").WithTags("Authentication");
        api.MapPost("", Login)
            .RequireRateLimiting(CredentialsRateLimit.PolicyName)
            .WithSummary("Exchange an email address and password for a token")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Ok<ApiResponse<TokenResponse>>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, CredentialCheck credentials, TokenIssuer tokens, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.EmailAddress))
        {
            errors["email_address"] = ["An email address is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["A password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The login is not valid.");
        }

        var login = await credentials.Check(request.EmailAddress!, request.Password!, http);
        return login switch
        {
            { Outcome: LoginOutcome.Succeeded, User: { } user } =>
                TypedResults.Ok(new ApiResponse<TokenResponse>(new TokenResponse(tokens.Issue(user)))),
            { Outcome: LoginOutcome.Throttled } => Throttled(http, login.RetryAfter),
            _ => InvalidCredentials(),
        };
    }

    private static ProblemHttpResult Throttled(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = RetryAfter.Seconds(retryAfter);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed log-ins",
            detail: $"Try again in {seconds} seconds.");
    }

    private static ProblemHttpResult InvalidCredentials() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Invalid credentials",
        detail: "The email address or the password is wrong.");
}
