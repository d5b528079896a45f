using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace UserManagement.Tests.OAuth;

/// <summary>A PKCE verifier and its S256 challenge, new each time.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}
