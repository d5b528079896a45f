using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace UserManagement.Gateway.OAuth;

/// <summary>Adds what OpenIddict does not serve itself to the server metadata: the registration endpoint (RFC 7591).</summary>
public sealed class AdvertiseRegistrationEndpoint : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AdvertiseRegistrationEndpoint>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Metadata["registration_endpoint"] = new Uri(context.Issuer ?? context.Options.Issuer!, "oauth/register").AbsoluteUri;
        context.Metadata["token_endpoint_auth_methods_supported"] = new OpenIddictParameter(["client_secret_basic", "client_secret_post", "none"]);
        return default;
    }
}
