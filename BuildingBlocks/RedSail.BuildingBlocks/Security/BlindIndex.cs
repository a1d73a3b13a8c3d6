using System.Collections.Concurrent;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace RedSail.BuildingBlocks.Security;

/// <summary>
/// A keyed hash (HMAC-SM3) of a normalised value, stored beside its ciphertext so that exact-match search
/// (e.g. by ID number) works without keeping the plaintext. One key per purpose, derived from the key ring once.
/// Safe to use from several threads at once: each thread keeps its own MAC per purpose, keyed once.
/// </summary>
public sealed class BlindIndex(KeyRing keys)
{
    private readonly ConcurrentDictionary<string, byte[]> _keys = new();
    private readonly ThreadLocal<Dictionary<string, HMac>> _macs = new(() => []);

    public byte[] Compute(string purpose, string value)
    {
        var macs = _macs.Value!;
        if (!macs.TryGetValue(purpose, out var mac))
        {
            mac = new HMac(new SM3Digest());
            mac.Init(new KeyParameter(_keys.GetOrAdd(purpose, p => keys.Derive("blind-index:" + p))));
            macs[purpose] = mac;
        }
        mac.BlockUpdate(System.Text.Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant()));
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result, 0); // and back to the keyed state for the next value
        return result;
    }
}
