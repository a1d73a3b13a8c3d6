using System.Text.RegularExpressions;
using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.ArchitectureTests;

/// <summary>
/// Anonymity of ballots: who voted (workflow.ballot_voter) and what was voted (workflow.ballot) are never read together.
/// No SQL statement anywhere in the modules names both tables, so no query can join, correlate or order one by the other.
/// </summary>
public sealed class BallotAnonymityTests
{
    private static readonly Regex Literal = new("\"\"\"(.*?)\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"", RegexOptions.Singleline);
    private static readonly Regex Ballot = new(@"\bballot\b(?!_)", RegexOptions.IgnoreCase);
    private static readonly Regex Voter = new(@"\bballot_voter\b", RegexOptions.IgnoreCase);

    /// <summary>The SQL statements (string literals, split at semicolons) that name both tables.</summary>
    private static IEnumerable<string> Offenders(string source) =>
        Literal.Matches(source).SelectMany(m => m.Value.Split(';')).Where(sql => Ballot.IsMatch(sql) && Voter.IsMatch(sql));

    [Test]
    public void No_statement_in_the_modules_reads_ballots_together_with_their_voters()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repository.Root, "Modules"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToList();
        var offenders = files.SelectMany(f => Offenders(File.ReadAllText(f)).Select(sql => $"{Path.GetFileName(f)}: {sql.Trim()}")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(files.Any(f => Voter.IsMatch(File.ReadAllText(f))), Is.True, "the scan reaches the module that writes voters");
            Assert.That(offenders, Is.Empty);
        });
    }

    [Test]
    public void The_scan_recognises_a_join_when_there_is_one()
    {
        const string source = "var sql = \"\"\"\n select b.marks from workflow.ballot b join workflow.ballot_voter v on v.round_id = b.round_id;\n \"\"\";" +
                              "var fine = \"select count(*) from workflow.ballot_voter; select marks from workflow.ballot\";";
        Assert.That(Offenders(source).Count(), Is.EqualTo(1));
    }
}
