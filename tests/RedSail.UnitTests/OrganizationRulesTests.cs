using NUnit.Framework;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.UnitTests;

/// <summary>Where organisations may sit (shared/DOMAIN.md §2), what may merge, and how tree paths are compared.</summary>
public sealed class OrganizationRulesTests
{
    [TestCase("party_group", "branch", true)]
    [TestCase("party_group", "joint_branch", true)]
    [TestCase("party_group", "temporary_branch", true)]
    [TestCase("party_group", "committee", false)]
    [TestCase("party_group", "general_branch", false)]
    [TestCase("party_group", "party_group", false)]
    [TestCase("branch", "committee", true)]
    [TestCase("branch", "general_branch", true)]
    [TestCase("branch", "branch", false)]
    [TestCase("branch", "union", false)]
    [TestCase("general_branch", "committee", true)]
    [TestCase("general_branch", "general_branch", false)]
    [TestCase("committee", "committee", true)]
    [TestCase("committee", "branch", false)]
    [TestCase("union", "committee", true)]
    [TestCase("union", "branch", false)]
    [TestCase("women_workers", "union", true)]
    [TestCase("women_workers", "youth_league", false)]
    [TestCase("youth_league_branch", "youth_league", true)]
    [TestCase("youth_league_branch", "union", false)]
    [TestCase("youth_league", "youth_league_branch", false)]
    [TestCase("women_committee", "committee", true)]
    [TestCase("united_front", "committee", true)]
    [TestCase("united_front", "general_branch", false)]
    public void Organisations_sit_only_where_the_rules_place_them(string type, string parentType, bool allowed) =>
        Assert.That(OrganizationRules.MaySitUnder(type, parentType), Is.EqualTo(allowed));

    [Test]
    public void Every_type_has_a_place_in_the_tree() =>
        Assert.That(OrganizationTypes.All.Where(t => !OrganizationTypes.All.Any(p => OrganizationRules.MaySitUnder(t, p))), Is.Empty);

    [TestCase("branch", "branch", true)]
    [TestCase("temporary_branch", "branch", true)]
    [TestCase("joint_branch", "temporary_branch", true)]
    [TestCase("party_group", "party_group", true)]
    [TestCase("branch", "general_branch", false)]
    [TestCase("party_group", "branch", false)]
    [TestCase("union", "women_workers", false)]
    public void Only_organisations_of_one_kind_merge(string source, string target, bool allowed) =>
        Assert.That(OrganizationRules.SameKind(source, target), Is.EqualTo(allowed));

    [TestCase("a.b.c", "a.b", true)]
    [TestCase("a.b", "a.b", true)]
    [TestCase("a.bc", "a.b", false)]
    [TestCase("a", "a.b", false)]
    [TestCase("x.a.b", "a.b", false)]
    public void A_path_lies_within_its_ancestors_only(string path, string ancestor, bool within) =>
        Assert.That(OrganizationRules.IsWithin(path, ancestor), Is.EqualTo(within));

    [Test]
    public void A_child_path_appends_the_ids_hex_label()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.That(OrganizationRules.ChildPath("aa.bb", id), Is.EqualTo("aa.bb.0f8fad5bd9cb469fa16570867728950e"));
    }

    [TestCase("RS-01", true)]
    [TestCase("A", true)]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", true)]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", false)]
    [TestCase("", false)]
    [TestCase("RS_01", false)]
    [TestCase("RS 01", false)]
    [TestCase("党支部", false)]
    public void Codes_are_short_ascii_letters_digits_and_hyphens(string code, bool valid) =>
        Assert.That(OrganizationRules.IsValidCode(code), Is.EqualTo(valid));
}
