using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Honors.Features.ReadModel;

// Honors' copy of the organisation tree (scope of honours and representatives), kept by Personnel's events.

internal sealed class OrganizationCreatedSubscriber(HonorsDb db) : CopiesOrganizationCreated(db);
internal sealed class OrganizationRenamedSubscriber(HonorsDb db) : CopiesOrganizationRenamed(db);
internal sealed class OrganizationMovedSubscriber(HonorsDb db) : CopiesOrganizationMoved(db);
internal sealed class OrganizationsMergedSubscriber(HonorsDb db) : CopiesOrganizationsMerged(db);
internal sealed class OrganizationDissolvedSubscriber(HonorsDb db) : CopiesOrganizationDissolved(db);
