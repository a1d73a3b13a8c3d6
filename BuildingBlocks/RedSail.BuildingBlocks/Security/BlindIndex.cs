namespace RedSail.BuildingBlocks.Security;

/// <summary>
/// A keyed hash (HMAC-SM3) of a normalised value, stored beside its ciphertext so that exact-match search
/// (e.g. by ID number) works without keeping the plaintext. One key per purpose, derived from the key ring.
/// </summary>
public sealed class BlindIndex(KeyRing keys)
{
    public byte[] Compute(string purpose, string value) =>
        KeyRing.HmacSm3(keys.Derive("blind-index:" + purpose), System.Text.Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant()));
}
