using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Platform.Features.Organizations;

// The platform's copy of the organisation tree (grant scopes, OA department mapping), kept by Personnel's events; merged and
// dissolved organisations stay, no longer offered for grants.

internal sealed class OrganizationCreatedSubscriber(PlatformDb db) : CopiesOrganizationCreated(db);
internal sealed class OrganizationRenamedSubscriber(PlatformDb db) : CopiesOrganizationRenamed(db);
internal sealed class OrganizationMovedSubscriber(PlatformDb db) : CopiesOrganizationMoved(db);
internal sealed class OrganizationsMergedSubscriber(PlatformDb db) : CopiesOrganizationsMerged(db);
internal sealed class OrganizationDissolvedSubscriber(PlatformDb db) : CopiesOrganizationDissolved(db);
