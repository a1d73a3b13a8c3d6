using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Archives.Features.ReadModel;

// Archives' copy of the organisation tree (scope of documents, related organisations), kept by Personnel's events.

internal sealed class OrganizationCreatedSubscriber(ArchivesDb db) : CopiesOrganizationCreated(db);
internal sealed class OrganizationRenamedSubscriber(ArchivesDb db) : CopiesOrganizationRenamed(db);
internal sealed class OrganizationMovedSubscriber(ArchivesDb db) : CopiesOrganizationMoved(db);
internal sealed class OrganizationsMergedSubscriber(ArchivesDb db) : CopiesOrganizationsMerged(db);
internal sealed class OrganizationDissolvedSubscriber(ArchivesDb db) : CopiesOrganizationDissolved(db);
