using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;
using RedSail.BuildingBlocks.Security;

namespace RedSail.UnitTests;

public sealed class CryptographyTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("redsail-keys").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Sm4_gcm_round_trips_and_never_repeats_a_ciphertext()
    {
        var cipher = new FieldCipher(KeyRing.LoadOrCreate(Path.Combine(_folder, "k.json")));
        var first = cipher.Encrypt("11010519491231002X");
        Assert.Multiple(() =>
        {
            Assert.That(cipher.Decrypt(first), Is.EqualTo("11010519491231002X"));
            Assert.That(cipher.Encrypt("11010519491231002X"), Is.Not.EqualTo(first), "random nonce");
            Assert.That(first, Has.Length.EqualTo(2 + 12 + 18 + 16));
        });
    }

    [Test]
    public void A_changed_byte_is_detected()
    {
        var cipher = new FieldCipher(KeyRing.LoadOrCreate(Path.Combine(_folder, "k.json")));
        var stored = cipher.Encrypt("健康状况：良好");
        stored[^1] ^= 1;
        Assert.That(() => cipher.Decrypt(stored), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Threads_sharing_one_cipher_and_one_blind_index_get_the_same_results_as_one_thread()
    {
        var keys = KeyRing.LoadOrCreate(Path.Combine(_folder, "k.json"));
        var cipher = new FieldCipher(keys);
        var index = new BlindIndex(keys);
        var values = Enumerable.Range(0, 4_000).Select(i => $"1101051990{i:00000000}").ToArray();
        var expectedIndexes = values.Select(v => Convert.ToHexString(new BlindIndex(keys).Compute("id", v))).ToArray();

        var results = new (string RoundTrip, string Index)[values.Length];
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = (cipher.Decrypt(cipher.Encrypt(values[i])), Convert.ToHexString(index.Compute("id", values[i]))));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.RoundTrip), Is.EqualTo(values));
            Assert.That(results.Select(r => r.Index), Is.EqualTo(expectedIndexes));
        });
    }

    [Test]
    public void A_value_that_fails_to_decrypt_does_not_spoil_the_next_one()
    {
        var cipher = new FieldCipher(KeyRing.LoadOrCreate(Path.Combine(_folder, "k.json")));
        var good = cipher.Encrypt("13800138000");
        var altered = cipher.Encrypt("13900139000");
        altered[20] ^= 1;

        Assert.That(() => cipher.Decrypt(altered), Throws.InstanceOf<CryptographicException>());
        Assert.That(cipher.Decrypt(good), Is.EqualTo("13800138000"));
    }

    [Test]
    public void Values_encrypted_before_a_key_rotation_stay_readable()
    {
        var path = Path.Combine(_folder, "k.json");
        var before = new FieldCipher(KeyRing.LoadOrCreate(path)).Encrypt("13800138000");
        var file = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(path))!;
        var keys = file["FieldKeys"].Deserialize<Dictionary<string, string>>()!;
        keys["2"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(path, JsonSerializer.Serialize(new { Version = 1, Master = file["Master"].GetString(), FieldKeys = keys, CurrentFieldKey = 2 }));

        var rotated = new FieldCipher(KeyRing.LoadOrCreate(path));
        var after = rotated.Encrypt("13800138000");
        Assert.Multiple(() =>
        {
            Assert.That(rotated.Decrypt(before), Is.EqualTo("13800138000"));
            Assert.That(after[..2], Is.EqualTo(new byte[] { 0, 2 }), "new values use the new key");
        });
    }

    [Test]
    public void Blind_index_is_stable_per_key_and_ignores_case_and_spaces()
    {
        var index = new BlindIndex(KeyRing.LoadOrCreate(Path.Combine(_folder, "a.json")));
        var other = new BlindIndex(KeyRing.LoadOrCreate(Path.Combine(_folder, "b.json")));
        Assert.Multiple(() =>
        {
            Assert.That(index.Compute("id", "11010519491231002x "), Is.EqualTo(index.Compute("id", "11010519491231002X")));
            Assert.That(other.Compute("id", "11010519491231002X"), Is.Not.EqualTo(index.Compute("id", "11010519491231002X")));
            Assert.That(index.Compute("phone", "11010519491231002X"), Is.Not.EqualTo(index.Compute("id", "11010519491231002X")));
        });
    }

    [Test]
    public void The_key_ring_file_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(_folder, "k.json");
        KeyRing.LoadOrCreate(path);
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Sm3_digest_matches_the_standards_example()
    {
        // GB/T 32905-2016, example 1: SM3("abc").
        Assert.That(Convert.ToHexString(Sm3("abc"u8.ToArray())).ToLowerInvariant(),
            Is.EqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));
    }

    [Test]
    public void Hmac_sm3_follows_the_hmac_construction()
    {
        // RFC 2104 by hand: H((K ^ opad) || H((K ^ ipad) || m)), block size 64.
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var padded = key.Concat(new byte[32]).ToArray();
        var inner = Sm3(padded.Select(b => (byte)(b ^ 0x36)).Concat("abc"u8.ToArray()).ToArray());
        var expected = Sm3(padded.Select(b => (byte)(b ^ 0x5c)).Concat(inner).ToArray());
        Assert.That(KeyRing.HmacSm3(key, "abc"u8), Is.EqualTo(expected));
    }

    private static byte[] Sm3(byte[] data)
    {
        var digest = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var result = new byte[32];
        digest.DoFinal(result, 0);
        return result;
    }
}
