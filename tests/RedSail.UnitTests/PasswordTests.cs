using NUnit.Framework;
using RedSail.BuildingBlocks.Validation;
using RedSail.Platform;
using RedSail.Platform.Accounts;

namespace RedSail.UnitTests;

public sealed class PasswordTests
{
    private readonly PasswordPolicy _policy = new(new SecurityOptions());

    private string[] Errors(string? password, string? userName = null)
    {
        var errors = new ValidationErrors();
        _policy.Check("password", password, userName, errors);
        return errors.All.Select(e => e.MessageKey).ToArray();
    }

    [Test]
    public void A_long_password_of_three_classes_passes() => Assert.That(Errors("Tiger-lily 2049"), Is.Empty);

    [Test]
    public void Eleven_characters_are_too_short() => Assert.That(Errors("Ab1!Ab1!Ab1"), Does.Contain("password.too_short"));

    [Test]
    public void Twelve_characters_are_enough() => Assert.That(Errors("Ab1!Ab1!Ab1x"), Does.Not.Contain("password.too_short"));

    [Test]
    public void Two_character_classes_are_too_simple() => Assert.That(Errors("correcthorse2024"), Does.Contain("password.too_simple"));

    [TestCase("Password1234!")]
    [TestCase("P@ssw0rd2024")]
    [TestCase("1qaz@WSX3edc")]
    [TestCase("Woaini1314520")]
    public void Common_passwords_and_their_decorated_forms_are_refused(string password) =>
        Assert.That(Errors(password), Does.Contain("password.common"));

    [Test]
    public void The_user_name_may_not_appear_in_the_password() =>
        Assert.That(Errors("Zhangsan#2024x", "zhangsan"), Does.Contain("password.contains_user_name"));

    [Test]
    public void A_missing_password_is_required() => Assert.That(Errors(null), Is.EqualTo(new[] { "validation.required" }));

    [Test]
    public void Hash_verifies_the_right_password_only_and_names_its_algorithm()
    {
        var hasher = new PasswordHasher(new SecurityOptions { PasswordIterations = 1000 });
        var stored = hasher.Hash("Tiger-lily 2049");
        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.StartWith("pbkdf2-sha256$1000$"));
            Assert.That(hasher.Verify(stored, "Tiger-lily 2049"), Is.True);
            Assert.That(hasher.Verify(stored, "Tiger-lily 2048"), Is.False);
            Assert.That(hasher.Verify(null, "Tiger-lily 2049"), Is.False);
            Assert.That(hasher.Hash("Tiger-lily 2049"), Is.Not.EqualTo(stored), "salted");
        });
    }

    [Test]
    public void A_hash_with_fewer_iterations_than_configured_is_upgraded()
    {
        var old = new PasswordHasher(new SecurityOptions { PasswordIterations = 1000 }).Hash("Tiger-lily 2049");
        var current = new PasswordHasher(new SecurityOptions { PasswordIterations = 2000 });
        Assert.Multiple(() =>
        {
            Assert.That(current.NeedsUpgrade(old), Is.True);
            Assert.That(current.Verify(old, "Tiger-lily 2049"), Is.True, "old hashes stay verifiable");
            Assert.That(current.NeedsUpgrade(current.Hash("x")), Is.False);
        });
    }
}
