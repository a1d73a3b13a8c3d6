using NUnit.Framework;
using RedSail.BuildingBlocks.Validation;
using RedSail.Modules.Personnel.Domain;
using RuleSets = RedSail.BuildingBlocks.Rules.RuleSets<RedSail.Modules.Personnel.Domain.PersonnelRules>;
using RuleSetVersion = RedSail.BuildingBlocks.Rules.RuleSetVersion<RedSail.Modules.Personnel.Domain.PersonnelRules>;

namespace RedSail.UnitTests;

public sealed class PersonRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static IReadOnlyList<FieldError> Basics(PersonBasics basics)
    {
        var errors = new ValidationErrors();
        PersonBasicsRules.Check(basics, Today, errors);
        return errors.All;
    }

    private static PersonBasics Valid => new("王小明", "2", "01", new DateOnly(1949, 12, 31), "11010519491231002X", null, "13800138000", "E001", null, "21");

    [Test]
    public void The_standards_example_person_passes() => Assert.That(Basics(Valid), Is.Empty);

    [Test]
    public void A_lower_case_x_is_the_same_check_character() => Assert.That(Basics(Valid with { IdNumber = "11010519491231002x" }), Is.Empty);

    [Test]
    public void The_sequence_digit_decides_the_gender() =>
        Assert.That(Basics(Valid with { Gender = "1" }).Select(e => e.MessageKey), Is.EqualTo(new[] { "person.id_number_gender_mismatch" }));

    [Test]
    public void The_birth_date_inside_the_number_must_match() =>
        Assert.That(Basics(Valid with { BirthDate = new DateOnly(1949, 12, 30) }).Select(e => e.MessageKey), Is.EqualTo(new[] { "person.id_number_birth_mismatch" }));

    [TestCase("11010519491231002")]      // 17 characters
    [TestCase("110105194912310021")]     // wrong check character
    [TestCase("11010519491331002X")]     // month 13 (check character recomputed below)
    public void Malformed_numbers_are_invalid(string idNumber)
    {
        if (idNumber.Length == 18 && idNumber.Contains("1331")) idNumber = idNumber[..17] + IdNumber.CheckCharacter(idNumber);
        Assert.That(IdNumber.Parse(idNumber), Is.Null);
    }

    [Test]
    public void Parsing_reads_birth_date_and_gender() =>
        Assert.That(IdNumber.Parse("44052418800101001" + "4"), Is.EqualTo((new DateOnly(1880, 1, 1), "1")));

    [TestCase("ethnicity", "57")]
    [TestCase("ethnicity", "00")]
    [TestCase("education", "24")]
    [TestCase("gender", "3")]
    public void Codes_outside_the_tables_are_refused(string field, string code)
    {
        var basics = field switch
        {
            "ethnicity" => Valid with { Ethnicity = code },
            "education" => Valid with { Education = code },
            _ => Valid with { Gender = code },
        };
        Assert.That(Basics(basics).Select(e => (e.Field, e.MessageKey)), Does.Contain((field, "person.code_unknown")));
    }

    [Test]
    public void All_56_ethnic_groups_are_known() =>
        Assert.That(Enumerable.Range(1, 56).Select(i => i.ToString("00")).All(CodeTables.Ethnicity.ContainsKey), Is.True);

    [TestCase("13800138000", true)]
    [TestCase("010-68001234", true)]
    [TestCase("12800138000", false)]
    [TestCase("1380013800", false)]
    public void Phone_numbers(string phone, bool valid) => Assert.That(PhoneNumber.IsValid(phone), Is.EqualTo(valid));

    private static readonly RuleSets Only2014 = new([new RuleSetVersion(Guid.Empty, "2014", "细则", new DateOnly(2014, 5, 28), PersonnelRules.Regulation2014)], PersonnelRules.Regulation2014);

    private static IReadOnlyList<FieldError> Dates(string status, PartyDates dates, DateOnly? birth = null, RuleSets? rules = null)
    {
        var errors = new ValidationErrors();
        PartyDatesRules.CheckShape(status, dates, Today, errors);
        PartyDatesRules.CheckRules(dates, birth ?? new DateOnly(1990, 1, 1), rules ?? Only2014, errors);
        return errors.All;
    }

    [Test]
    public void A_later_rule_set_applies_from_its_date_and_not_before()
    {
        // A local practice from 2025 asks for 24 months' probation; an admission in 2024 keeps the 2014 year.
        var rules = new RuleSets([.. Only2014.Versions,
            new RuleSetVersion(Guid.Empty, "local", "党委决定", new DateOnly(2025, 1, 1), PersonnelRules.Regulation2014 with { ProbationMonths = 24 })], PersonnelRules.Regulation2014);
        var before = new DateOnly(2024, 3, 1);
        var after = new DateOnly(2025, 3, 1);
        Assert.Multiple(() =>
        {
            Assert.That(Dates("full_member", new(null, null, null, before, before.AddYears(1)), rules: rules), Is.Empty);
            Assert.That(Dates("full_member", new(null, null, null, after, after.AddYears(1).AddDays(1)), rules: rules).Select(e => e.MessageKey),
                Is.EqualTo(new[] { "person.probation_not_over" }));
        });
    }

    [Test]
    public void Rule_values_outside_their_range_are_refused()
    {
        var errors = new ValidationErrors();
        (PersonnelRules.Regulation2014 with { MinApplicationAge = 3, ProbationExtensionMinMonths = 12, ProbationExtensionMaxMonths = 6 }).Check(errors);
        Assert.That(errors.All.Select(e => (e.Field, e.MessageKey)), Is.EquivalentTo(new[]
        {
            ("rules.minApplicationAge", "rules.out_of_range"), ("rules.probationExtensionMinMonths", "rules.extension_order"),
        }));
    }

    [TestCase("committee", 5)]
    [TestCase("general_branch", 3)]
    [TestCase("joint_branch", 3)]
    [TestCase("party_group", null)]
    [TestCase("union", null)]
    public void Terms_by_organisation_type(string type, int? years) =>
        Assert.That(PersonnelRules.Regulation2014.TermYears(type), Is.EqualTo(years));

    [Test]
    public void Probation_lasts_one_year_from_admission()
    {
        var admitted = new DateOnly(2024, 6, 20);
        Assert.Multiple(() =>
        {
            Assert.That(Dates("full_member", new(null, null, null, admitted, admitted.AddYears(1))), Is.Empty);
            Assert.That(Dates("full_member", new(null, null, null, admitted, admitted.AddYears(1).AddDays(-1))).Select(e => e.MessageKey),
                Is.EqualTo(new[] { "person.probation_not_over" }));
        });
    }

    [TestCase(6, true)]
    [TestCase(12, true)]
    [TestCase(5, false)]
    [TestCase(13, false)]
    public void An_extension_is_half_a_year_to_a_year(int months, bool allowed)
    {
        var admitted = new DateOnly(2023, 1, 10);
        var errors = Dates("full_member", new(null, null, null, admitted, admitted.AddYears(1).AddMonths(months), months));
        Assert.That(errors.Any(e => e.MessageKey == "person.extension_range"), Is.EqualTo(!allowed));
    }

    [Test]
    public void An_extension_postpones_the_earliest_conversion()
    {
        var admitted = new DateOnly(2023, 1, 10);
        Assert.That(Dates("full_member", new(null, null, null, admitted, admitted.AddYears(1).AddMonths(3), 6)).Select(e => e.MessageKey),
            Does.Contain("person.probation_not_over"));
    }

    [Test]
    public void One_must_be_18_to_apply()
    {
        var birth = new DateOnly(2006, 12, 1);
        Assert.Multiple(() =>
        {
            Assert.That(Dates("applicant", new(birth.AddYears(18).AddDays(-1), null, null, null, null), birth).Select(e => e.MessageKey),
                Is.EqualTo(new[] { "person.too_young_to_apply" }));
            Assert.That(Dates("applicant", new(birth.AddYears(18), null, null, null, null), birth), Is.Empty);
        });
    }

    [Test]
    public void Steps_keep_their_order() =>
        Assert.That(Dates("candidate", new(new DateOnly(2020, 1, 1), new DateOnly(2019, 12, 31), new DateOnly(2021, 1, 1), null, null))
            .Select(e => (e.Field, e.MessageKey)), Is.EqualTo(new[] { ("activistOn", "person.date_order") }));

    [Test]
    public void Each_status_requires_its_dates() =>
        Assert.That(Dates("candidate", new(null, null, null, null, null)).Select(e => e.Field), Is.EqualTo(new[] { "appliedOn", "activistOn", "candidateOn" }));

    [TestCase("applicant", "activist", true)]
    [TestCase("applicant", "probationary", false)]
    [TestCase("candidate", "probationary", true)]
    [TestCase("probationary", "full_member", true)]
    [TestCase("probationary", "non_member", true)]
    [TestCase("full_member", "lapsed", true)]
    [TestCase("full_member", "applicant", false)]
    [TestCase("deceased", "full_member", false)]
    [TestCase("suspended", "full_member", true)]
    public void The_status_table(string from, string to, bool allowed) => Assert.That(PartyStatus.CanChange(from, to), Is.EqualTo(allowed));
}
