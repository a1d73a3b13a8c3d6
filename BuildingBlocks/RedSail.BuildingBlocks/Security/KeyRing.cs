using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace RedSail.BuildingBlocks.Security;

/// <summary>
/// The keys that must live outside the database (SECURITY.md): a master secret from which purpose keys are
/// derived with HMAC-SM3 (database role passwords, the audit chain key, blind indexes), and the SM4 keys
/// that encrypt sensitive fields, by id so that they can be rotated.
/// </summary>
public sealed class KeyRing
{
    private readonly byte[] _master;

    private KeyRing(byte[] master, IReadOnlyDictionary<int, byte[]> fieldKeys, int currentFieldKeyId)
    {
        _master = master;
        FieldKeys = fieldKeys;
        CurrentFieldKeyId = currentFieldKeyId;
    }

    public IReadOnlyDictionary<int, byte[]> FieldKeys { get; }
    public int CurrentFieldKeyId { get; }

    /// <summary>Loads the key ring file, creating it (readable by its owner only) when it does not exist.</summary>
    public static KeyRing LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var file = new KeyRingFile(1, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                new Dictionary<string, string> { ["1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) }, 1);
            var json = JsonSerializer.Serialize(file, new JsonSerializerOptions { WriteIndented = true });
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                stream.Write(Encoding.UTF8.GetBytes(json));
            }
        }
        var loaded = JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(path))
                     ?? throw new InvalidOperationException($"Key ring {path} is empty.");
        return new KeyRing(Convert.FromBase64String(loaded.Master),
            loaded.FieldKeys.ToDictionary(k => int.Parse(k.Key), k => Convert.FromBase64String(k.Value)),
            loaded.CurrentFieldKey);
    }

    /// <summary>A 32-byte key for one purpose, derived from the master secret (HMAC-SM3).</summary>
    public byte[] Derive(string purpose) => HmacSm3(_master, Encoding.UTF8.GetBytes(purpose));

    public string DatabaseRolePassword(string role) =>
        Convert.ToBase64String(Derive("database-role:" + role)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] HmacSm3(byte[] key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result, 0);
        return result;
    }

    private sealed record KeyRingFile(int Version, string Master, Dictionary<string, string> FieldKeys, int CurrentFieldKey);
}
