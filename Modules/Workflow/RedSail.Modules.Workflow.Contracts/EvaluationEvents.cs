using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// An evaluation round (年终述职测评 of branches, or 民主评议党员 of a branch's members) was closed and tallied. Not
/// <see cref="Valid"/> when too few voted: then no grades were given. Kind: annual_review | democratic_review; grades:
/// good | fairly_good | average | poor (branches), excellent | qualified | basically_qualified | unqualified (members).
/// </summary>
public sealed record EvaluationRoundClosed(Guid RoundId, Guid OrganizationId, string Kind, int Year, bool Valid, int EligibleCount,
    int BallotCount, IReadOnlyList<EvaluationOutcome> Results) : IntegrationEvent;

/// <summary>One subject's result: a branch (with its average score) or a member.</summary>
public sealed record EvaluationOutcome(Guid SubjectId, decimal? Score, string? Grade);

/// <summary>A branch's 民主评议党员 of a year was completed with a valid turnout: each member's proposed grade.</summary>
public sealed record DemocraticReviewCompleted(Guid OrganizationId, int Year, IReadOnlyList<MemberReviewGrade> Results) : IntegrationEvent;

public sealed record MemberReviewGrade(Guid PersonId, string Grade);
