using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.ChangePartyStatus;
using RedSail.Modules.Personnel.Features.FindPersonByEmployeeNumber;
using RedSail.Modules.Personnel.Features.GetPerson;
using RedSail.Modules.Personnel.Features.ListOrganizations;
using RedSail.Modules.Personnel.Features.CreateOrganization;
using RedSail.Modules.Personnel.Features.DissolveOrganization;
using RedSail.Modules.Personnel.Features.GetOrganization;
using RedSail.Modules.Personnel.Features.GetOrganizationHistory;
using RedSail.Modules.Personnel.Features.MergeOrganizations;
using RedSail.Modules.Personnel.Features.MoveOrganization;
using RedSail.Modules.Personnel.Features.RenameOrganization;
using RedSail.Modules.Personnel.Features.ListPeople;
using RedSail.Modules.Personnel.Features.ListPersonChanges;
using RedSail.Modules.Personnel.Features.ReadChangeFeed;
using RedSail.Modules.Personnel.Features.RecordPerson;
using RedSail.Modules.Personnel.Features.UpdatePerson;
using RedSail.Modules.Personnel.Features.DownloadPeopleTemplate;
using RedSail.Modules.Personnel.Features.PreviewPeopleImport;
using RedSail.Modules.Personnel.Features.CommitPeopleImport;
using RedSail.Modules.Personnel.Features.RollBackPeopleImport;
using RedSail.Modules.Personnel.Features.ExportPeople;
using RedSail.Modules.Personnel.Features.ListRuleSets;
using RedSail.Modules.Personnel.Features.AddRuleSet;
using RedSail.Modules.Personnel.Features.ListInformationSets;
using RedSail.Modules.Personnel.Features.ListPersonRecords;
using RedSail.Modules.Personnel.Features.AddPersonRecord;
using RedSail.Modules.Personnel.Features.UpdatePersonRecord;
using RedSail.Modules.Personnel.Features.RemovePersonRecord;
using RedSail.Modules.Personnel.Features.ElectCommittee;
using RedSail.Modules.Personnel.Features.ListCommitteeTerms;
using RedSail.Modules.Personnel.Features.AddCommitteeMember;
using RedSail.Modules.Personnel.Features.EndCommitteeMembership;
using RedSail.Modules.Personnel.Features.ListStructureWarnings;
using RedSail.Modules.Personnel.Features.ListReminders;
using RedSail.Modules.Personnel.Features.TransferPersonOut;
using RedSail.Modules.Personnel.Features.TransferPersonIn;
using RedSail.Modules.Personnel.Features.MovePerson;
using RedSail.Modules.Personnel.Features.ChangeMemberRelation;
using RedSail.Modules.Personnel.Features.GetMyRecord;
using RedSail.Modules.Personnel.Features.ProposeMyChange;
using RedSail.Modules.Personnel.Features.ListChangeProposals;
using RedSail.Modules.Personnel.Features.DecideChangeProposal;
using RedSail.Modules.Personnel.Features.AnnounceTermDeadlines;
using RedSail.Modules.Personnel.Features.DownloadRecordsTemplate;
using RedSail.Modules.Personnel.Features.PreviewRecordsImport;
using RedSail.Modules.Personnel.Features.CommitRecordsImport;
using RedSail.Modules.Personnel.Features.RollBackRecordsImport;
using RedSail.BuildingBlocks.Scheduling;

namespace RedSail.Modules.Personnel;

/// <summary>The Personnel module's entry points: its services, and its API under <c>/api/personnel</c>.</summary>
public static class PersonnelModule
{
    public const string Schema = "personnel";

    public static IServiceCollection AddPersonnel(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<PersonnelDb>("Personnel", Schema, typeof(PersonnelModule).Assembly, typeof(OrganizationCreated).Assembly)
            .AddScheduledCommand("personnel.term-deadlines", "届满提醒：委员会任期将满或已满时通知一次", TimeSpan.FromHours(1), () => new AnnounceTermDeadlines());

    public static IEndpointRouteBuilder MapPersonnel(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        api.MapListOrganizations();
        api.MapGetOrganization();
        api.MapGetOrganizationHistory();
        api.MapCreateOrganization();
        api.MapRenameOrganization();
        api.MapMoveOrganization();
        api.MapMergeOrganizations();
        api.MapDissolveOrganization();
        api.MapRecordPerson();
        api.MapUpdatePerson();
        api.MapGetPerson();
        api.MapListPeople();
        api.MapChangePartyStatus();
        api.MapListPersonChanges();
        api.MapDownloadPeopleTemplate();
        api.MapPreviewPeopleImport();
        api.MapCommitPeopleImport();
        api.MapRollBackPeopleImport();
        api.MapExportPeople();
        api.MapFindPersonByEmployeeNumber();
        api.MapReadChangeFeed();
        api.MapListRuleSets();
        api.MapAddRuleSet();
        api.MapListInformationSets();
        api.MapListPersonRecords();
        api.MapAddPersonRecord();
        api.MapUpdatePersonRecord();
        api.MapRemovePersonRecord();
        api.MapDownloadRecordsTemplate();
        api.MapPreviewRecordsImport();
        api.MapCommitRecordsImport();
        api.MapRollBackRecordsImport();
        api.MapElectCommittee();
        api.MapListCommitteeTerms();
        api.MapAddCommitteeMember();
        api.MapEndCommitteeMembership();
        api.MapListStructureWarnings();
        api.MapListReminders();
        api.MapTransferPersonOut();
        api.MapTransferPersonIn();
        api.MapMovePerson();
        api.MapChangeMemberRelation();
        api.MapGetMyRecord();
        api.MapProposeMyChange();
        api.MapListChangeProposals();
        api.MapDecideChangeProposal();
        return endpoints;
    }
}
