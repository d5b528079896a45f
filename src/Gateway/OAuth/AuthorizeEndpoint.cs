using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using UserManagement.Gateway.Authentication;
using UserManagement.Gateway.Common;
using UserManagement.Contracts.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// <c>GET/POST /oauth/authorize</c>, after OpenIddict has checked the client, the exact redirect URI, the scopes and
/// the PKCE challenge: the sign-in form, then the consent form unless the user already agreed, then the code.
/// Between the two forms the signed-in user travels in a sealed, short-lived ticket bound to this client, redirect
/// URI, scope and challenge, in a hidden field (never in the URL).
/// </summary>
public static partial class AuthorizeEndpoint
{
    private const string TicketPurpose = "UserManagement.OAuth.SignInTicket";

    /// <summary>Fields of the pages themselves, never carried over as request parameters.</summary>
    private static readonly HashSet<string> PageFields = new(StringComparer.Ordinal)
    {
        "step", "email_address", "password", "decision", "sign_in_ticket", AntiforgeryFieldName,
    };

    public const string AntiforgeryFieldName = "__RequestVerificationToken";

    public static async Task<IResult> Handle(
        HttpContext http,
        IAntiforgery antiforgery,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations,
        CredentialCheck credentials,
        IDataProtectionProvider protection,
        IOptions<OAuthOptions> options,
        IOptions<JwtOptions> jwt,
        IGrainFactory grains,
        TimeProvider time,
        ILogger<OAuthRequestLog> logger)
    {
        if (http.GetOpenIddictServerResponse() is { Error: { } error } failure)
        {
            // Errors OpenIddict could not send back to a verified redirect URI: an unknown client or redirect URI.
            LogRefused(logger, error);
            return SignInPage.Error(StatusCodes.Status400BadRequest, "This sign-in link is not valid", failure.ErrorDescription ?? error);
        }

        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        var application = await applications.FindByClientIdAsync(request.ClientId!)
            ?? throw new InvalidOperationException("OpenIddict validated a client that does not exist.");
        var clientName = await applications.GetDisplayNameAsync(application) ?? request.ClientId!;
        var ticketProtector = protection.CreateProtector(TicketPurpose).ToTimeLimitedDataProtector();

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return SignInPage.SignIn(Form(http, antiforgery, request), clientName, emailAddress: null, error: null);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            LogRefused(logger, "antiforgery");
            return SignInPage.Error(StatusCodes.Status400BadRequest, "This form has expired", "The form was not sent from this sign-in page, or it is too old.");
        }

        var form = await http.Request.ReadFormAsync();
        UserDetails user;
        if (form["step"] == "consent")
        {
            if (!TryOpenTicket(ticketProtector, form["sign_in_ticket"], request, out var userId)
                || await grains.GetUser(userId).GetDetails() is not { } consenting)
            {
                return SignInPage.Error(StatusCodes.Status400BadRequest, "This form has expired", "Sign in again from the application.");
            }

            if (form["decision"] != "allow")
            {
                return Denied();
            }

            user = consenting;
            await authorizations.CreateAsync(
                principal: Principal(user, request, jwt.Value.Audience),
                subject: user.UserId,
                client: (await applications.GetIdAsync(application))!,
                type: AuthorizationTypes.Permanent,
                scopes: request.GetScopes());
            return SignIn(user, request, jwt.Value.Audience);
        }

        var emailAddress = form["email_address"].ToString();
        var password = form["password"].ToString();
        if (emailAddress.Length == 0 || password.Length == 0)
        {
            return SignInPage.SignIn(Form(http, antiforgery, request), clientName, emailAddress, "Enter your email address and your password.");
        }

        var login = await credentials.Check(emailAddress, password, http);
        switch (login)
        {
            case { Outcome: LoginOutcome.Throttled }:
                var seconds = RetryAfter.Seconds(login.RetryAfter);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return SignInPage.SignIn(Form(http, antiforgery, request), clientName, emailAddress,
                    $"Too many failed sign-ins. Try again in {seconds} seconds.", StatusCodes.Status429TooManyRequests);
            case { Outcome: LoginOutcome.Succeeded, User: { } signedIn }:
                user = signedIn;
                break;
            default:
                return SignInPage.SignIn(Form(http, antiforgery, request), clientName, emailAddress, "The email address or the password is wrong.");
        }

        if (await HasConsented(applications, authorizations, application, user, request))
        {
            return SignIn(user, request, jwt.Value.Audience);
        }

        var ticket = ticketProtector.Protect(TicketOf(user.UserId, request), time.GetUtcNow().Add(options.Value.SignInLifetime));
        var asked = request.GetScopes().Select(OAuthScopes.Find).OfType<ScopeDescription>();
        return SignInPage.Consent(Form(http, antiforgery, request), clientName, ticket, asked);
    }

    /// <summary>The identity a code carries; the token endpoint refreshes the tier from the user's grain.</summary>
    public static ClaimsPrincipal Principal(UserDetails user, OpenIddictRequest request, string audience)
    {
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
            nameType: Claims.Name,
            roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, user.UserId)
            .SetClaim(TokenClaims.UserType, user.Tier.ToWireName())
            .SetClaim(Claims.Email, user.EmailAddress)
            .SetClaim(Claims.GivenName, user.FirstName)
            .SetClaim(Claims.FamilyName, user.LastName);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(audience);
        identity.SetDestinations(OAuthClaims.Destinations);
        return new ClaimsPrincipal(identity);
    }

    private static IResult SignIn(UserDetails user, OpenIddictRequest request, string audience) =>
        Results.SignIn(Principal(user, request, audience), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Denied() => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user denied access.",
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static async Task<bool> HasConsented(
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations,
        object application, UserDetails user, OpenIddictRequest request)
    {
        if (await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit))
        {
            return true;
        }

        var clientId = (await applications.GetIdAsync(application))!;
        await foreach (var _ in authorizations.FindAsync(user.UserId, clientId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes()))
        {
            return true;
        }

        return false;
    }

    private static SignInPage.FormState Form(HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var parameters = request.GetParameters()
            .Where(p => !PageFields.Contains(p.Key) && p.Value.GetRawValue() is string)
            .Select(p => new KeyValuePair<string, string>(p.Key, (string)p.Value.GetRawValue()!))
            .ToList();
        return new SignInPage.FormState(parameters, tokens.FormFieldName, tokens.RequestToken!, new Uri(request.RedirectUri!));
    }

    private static string TicketOf(string userId, OpenIddictRequest request) =>
        string.Join('\n', userId, request.ClientId, request.RedirectUri, request.Scope, request.CodeChallenge);

    private static bool TryOpenTicket(ITimeLimitedDataProtector protector, string? ticket, OpenIddictRequest request, out string userId)
    {
        userId = "";
        if (string.IsNullOrEmpty(ticket))
        {
            return false;
        }

        try
        {
            var parts = protector.Unprotect(ticket).Split('\n');
            if (parts.Length == 5 && TicketOf(parts[0], request) == string.Join('\n', parts))
            {
                userId = parts[0];
                return true;
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Tampered with, expired or sealed with a key this gateway does not have: the user signs in again.
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An authorization request was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>The category of the OAuth endpoints' logs.</summary>
public sealed class OAuthRequestLog;
