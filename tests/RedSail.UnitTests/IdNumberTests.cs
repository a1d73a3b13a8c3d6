using NUnit.Framework;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.UnitTests;

public sealed class IdNumberTests
{
    // Examples printed in GB 11643-1999 itself.
    [TestCase("11010519491231002", 'X')]
    [TestCase("44052418800101001", '4')]
    public void Check_character_matches_the_standards_examples(string first17, char expected) =>
        Assert.That(IdNumber.CheckCharacter(first17), Is.EqualTo(expected));

    [Test]
    public void Composed_number_carries_birth_date_and_sequence()
    {
        var id = IdNumber.Compose("110105", new DateOnly(1949, 12, 31), 2);
        Assert.That(id, Is.EqualTo("11010519491231002X"));
    }

    [Test]
    public void Masking_keeps_region_and_the_last_four()
    {
        Assert.That(IdNumber.Mask("11010519491231002X"), Is.EqualTo("110**************X"));
        Assert.That(IdNumber.Mask("12345"), Is.EqualTo("*****"));
    }
}
