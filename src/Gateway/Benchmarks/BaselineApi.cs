using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using UserManagement.Gateway.Common;
using UserManagement.Gateway.Users;

namespace UserManagement.Gateway.Benchmarks;

/// <summary>
/// Endpoints that do none of the service's work, for the benchmarks to compare the real endpoints with in the same
/// process: what the host itself (Kestrel, routing, middleware, JSON) costs. Mapped only when
/// <c>Benchmark:BaselineEndpoints</c> is <c>true</c>; never in a deployment.
/// </summary>
public static class BaselineApi
{
    public const string SettingName = "Benchmark:BaselineEndpoints";

    public const string UserPath = "/benchmark/baseline/user";

    public const string UserWithTokenPath = "/benchmark/baseline/user-with-token";

    /// <summary>A user exactly as <c>GET /user/{userId}</c> answers for the bench's users, whose fields have these lengths.</summary>
    private static readonly UserResponse SampleUser = new(
        UserId: "00000000-0000-5000-8000-000000000000",
        EmailAddress: "bench-user-000000@example.com",
        FirstName: "Bench",
        LastName: "User",
        OrderCount: 0,
        UserType: "STANDARD");

    public static IEndpointRouteBuilder MapBaselineApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(SettingName))
        {
            return app;
        }

        // Serialized once with the API's own JSON settings: the endpoint costs only what the host costs.
        var jsonOptions = app.ServiceProvider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(new ApiResponse<UserResponse>(SampleUser), jsonOptions);
        app.MapGet(UserPath, () => TypedResults.Bytes(body, "application/json; charset=utf-8"))
            .ExcludeFromDescription();

        // The same behind token validation, as GET /user/{userId} is: tells the token's cost from the grain call's.
        app.MapGet(UserWithTokenPath, () => TypedResults.Bytes(body, "application/json; charset=utf-8"))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
