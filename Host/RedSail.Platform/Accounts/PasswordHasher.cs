using System.Security.Cryptography;

namespace RedSail.Platform.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a random salt. The stored form names its algorithm and work factor
/// (<c>pbkdf2-sha256$600000$salt$hash</c>) so hashes can be upgraded at the next sign-in.
/// </summary>
internal sealed class PasswordHasher(SecurityOptions options)
{
    private const string Algorithm = "pbkdf2-sha256";
    private const int SaltSize = 16, HashSize = 32;

    // Verified against when the account does not exist, so that the answer takes as long either way.
    private readonly Lazy<string> _decoy = new(() => Hash(options.PasswordIterations, Guid.NewGuid().ToString()));

    public string Hash(string password) => Hash(options.PasswordIterations, password);

    public bool Verify(string? stored, string password)
    {
        var parts = (stored ?? _decoy.Value).Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm || !int.TryParse(parts[1], out var iterations)) return false;
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, HashSize);
        return stored is not null && CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public bool NeedsUpgrade(string stored) => !stored.StartsWith($"{Algorithm}${options.PasswordIterations}$", StringComparison.Ordinal);

    private static string Hash(int iterations, string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashSize);
        return $"{Algorithm}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }
}
