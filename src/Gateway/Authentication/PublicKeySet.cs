namespace UserManagement.Gateway.Authentication;

/// <summary>A JSON Web Key Set (RFC 7517) of public keys only.</summary>
public sealed record PublicKeySet(IReadOnlyList<PublicKey> Keys);

/// <summary>An elliptic-curve public key as a JWK; members are named as RFC 7517/7518 name them.</summary>
public sealed record PublicKey(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);
