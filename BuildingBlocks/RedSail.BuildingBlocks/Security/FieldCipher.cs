using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace RedSail.BuildingBlocks.Security;

/// <summary>
/// Encrypts sensitive fields at rest with SM4-GCM (GB/T 32907, authenticated). The stored value is
/// key id (2 bytes) + nonce (12) + ciphertext + tag (16), so old values stay readable after a key rotation.
/// Safe to use from several threads at once: each thread keeps its own cipher per key, initialised once with the key
/// (the SM4 key schedule and the GHASH tables) and then only given a new nonce — an import encrypts 200,000 values.
/// </summary>
public sealed class FieldCipher(KeyRing keys)
{
    private const int NonceSize = 12;
    private const int TagBits = 128;

    private readonly ThreadLocal<Dictionary<(int KeyId, bool Encrypt), GcmBlockCipher>> _ciphers = new(() => []);

    public byte[] Encrypt(string plaintext)
    {
        var keyId = keys.CurrentFieldKeyId;
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var input = Encoding.UTF8.GetBytes(plaintext);
        var cipher = Cipher(true, keyId, keys.FieldKeys[keyId], nonce);
        var output = new byte[2 + NonceSize + cipher.GetOutputSize(input.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)keyId);
        nonce.CopyTo(output, 2);
        var written = cipher.ProcessBytes(input, 0, input.Length, output, 2 + NonceSize);
        cipher.DoFinal(output, 2 + NonceSize + written);
        return output;
    }

    public string Decrypt(byte[] stored)
    {
        var keyId = BinaryPrimitives.ReadUInt16BigEndian(stored);
        if (!keys.FieldKeys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"Field key {keyId} is not in the key ring.");
        var cipher = Cipher(false, keyId, key, stored.AsSpan(2, NonceSize).ToArray());
        var body = stored.AsSpan(2 + NonceSize).ToArray();
        var output = new byte[cipher.GetOutputSize(body.Length)];
        try
        {
            var written = cipher.ProcessBytes(body, 0, body.Length, output, 0);
            written += cipher.DoFinal(output, written);
            return Encoding.UTF8.GetString(output, 0, written);
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException e)
        {
            // A failed DoFinal leaves the cipher mid-message: start this thread's afresh with the key next time.
            _ciphers.Value!.Remove((keyId, false));
            throw new CryptographicException("The stored value was altered or encrypted with another key.", e);
        }
    }

    /// <summary>This thread's cipher for the key, set to the nonce (GCM re-keys from the previous Init when given no key).</summary>
    private GcmBlockCipher Cipher(bool encrypt, int keyId, byte[] key, byte[] nonce)
    {
        var ciphers = _ciphers.Value!;
        if (ciphers.TryGetValue((keyId, encrypt), out var cipher))
        {
            cipher.Init(encrypt, new AeadParameters(null, TagBits, nonce));
            return cipher;
        }
        cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key), TagBits, nonce));
        ciphers[(keyId, encrypt)] = cipher;
        return cipher;
    }
}
