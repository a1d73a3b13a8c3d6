using NUnit.Framework;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;

namespace RedSail.UnitTests;

/// <summary>A plan task's life, the years a plan may be for, and what counts as evidence (the due-soon window is tested over the API).</summary>
public sealed class WorkflowPlansRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Test]
    public void Only_an_open_task_is_reported_and_only_an_unaccepted_report_is_reviewed()
    {
        Assert.That(PlanTasks.CanReport(PlanTasks.Open), Is.True);
        Assert.That(PlanTasks.CanReport(PlanTasks.Done), Is.False);
        Assert.That(PlanTasks.CanReport(PlanTasks.Cancelled), Is.False);
        Assert.That(PlanTasks.CanReview(PlanTasks.Done, accepted: false), Is.True);
        Assert.That(PlanTasks.CanReview(PlanTasks.Done, accepted: true), Is.False);
        Assert.That(PlanTasks.CanReview(PlanTasks.Open, accepted: false), Is.False);
    }

    [TestCase(2027, true)]
    [TestCase(2028, false)]
    [TestCase(1999, false)]
    public void Plans_reach_at_most_next_year(int year, bool plausible) => Assert.That(PlanTasks.PlausibleYear(year, Today), Is.EqualTo(plausible));

    [TestCase("a.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [TestCase("a.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [TestCase("a.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [TestCase("a.docx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0 }, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [TestCase("a.XLSX", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0 }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [TestCase("a.zip", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0 }, null)]
    [TestCase("a.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0 }, null)]
    public void Evidence_is_recognised_by_its_first_bytes(string name, byte[] content, string? expected) =>
        Assert.That(EvidenceFiles.ContentType(name, content), Is.EqualTo(expected));

    [TestCase("committee", "committee")]
    [TestCase("branch", "branch")]
    [TestCase("general_branch", "branch")]
    [TestCase("joint_branch", "branch")]
    [TestCase("party_group", null)]
    [TestCase("union", null)]
    public void Committees_and_branches_plan_other_organisations_do_not(string type, string? level) =>
        Assert.That(PlanTasks.LevelOf(type), Is.EqualTo(level));
}
