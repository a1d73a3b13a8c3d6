using MiniExcelLibs;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.ListPeople;
using RedSail.Modules.Personnel.Features.People;
using static RedSail.BuildingBlocks.Web.Spreadsheet;

namespace RedSail.Modules.Personnel.Features.ExportPeople;

/// <summary>
/// The people of the list's filter as an xlsx file, at most <see cref="MaxRows"/>. Always masked (ID number, phone):
/// unmasked export needs re-authentication (SECURITY.md), which this slice does not offer. Code names in Chinese,
/// every text cell formula-neutralised, and the export audited with its row count.
/// </summary>
internal sealed record ExportPeople(ListPeople.ListPeople Filter) : IQuery<IReadOnlyList<PersonRow>>
{
    public const int MaxRows = 100_000;
}

internal sealed class ExportPeopleValidator : RedSail.BuildingBlocks.Validation.IValidator<ExportPeople>
{
    public void Validate(ExportPeople request, RedSail.BuildingBlocks.Validation.ValidationErrors errors) =>
        new ListPeopleValidator().Validate(request.Filter, errors);
}

internal sealed class ExportPeopleHandler(PersonnelDb db, RequestContext context, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<ExportPeople, IReadOnlyList<PersonRow>>
{
    public async Task<IReadOnlyList<PersonRow>> Handle(ExportPeople request, CancellationToken cancellationToken)
    {
        var selection = await PeopleFilter.SelectAsync(db, request.Filter, context, blindIndex, clock.Today, cancellationToken);
        selection.Parameters.Add("limit", ExportPeople.MaxRows + 1);
        var rows = await db.QueryAsync<PersonRow>($"""
            select {PersonRow.Columns} {selection.From(PeopleAccess.OrganizationsFirst, joinOrganization: true)}
            order by {PeopleFilter.Sort(request.Filter.Sort).Sql} limit @limit
            """, selection.Parameters, cancellationToken);
        if (rows.Count > ExportPeople.MaxRows) throw new RuleViolationException("export_too_large", "import.export_too_many_rows", ExportPeople.MaxRows);
        return rows;
    }
}

internal static class ExportPeopleEndpoint
{
    public static void MapExportPeople(this IEndpointRouteBuilder api) =>
        api.MapGet("/people/export", async ([AsParameters] ListPeopleQuery query, IMediator mediator, FieldCipher cipher, IClock clock,
                AuditTrail audit, RequestContext context, CancellationToken ct) =>
            {
                var filter = query.ToRequest();
                var rows = await mediator.Send(new ExportPeople(filter), ct);
                var today = clock.Today;
                // Written to a temporary file row by row (decrypting and masking lazily), then streamed from disk.
                var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81_920,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await file.SaveAsAsync(rows.Select(r => Sheet(PersonView.From(r, cipher, unmask: false, today))), sheetName: PeopleSheet.DataSheet,
                    excelType: ExcelType.XLSX, cancellationToken: ct);
                file.Position = 0;
                await audit.RecordAsync(context, new AuditEntry("personnel.people.export", AuditResult.Success, "person", null,
                    filter.OrganizationId?.ToString(), $"rows={rows.Count}"), ct);
                return Results.File(file, Spreadsheet.ContentType, $"people-{DateTime.UtcNow:yyyyMMddHHmmss}.xlsx");
            })
            .WithName("ExportPeople").WithSummary("导出人员（Excel，与人员列表相同的筛选条件；身份证号、手机号始终脱敏）")
            .RequirePermission(PersonnelPermissions.Read);

    private static Dictionary<string, object?> Sheet(PersonView p) => new()
    {
        ["组织"] = Cell(p.OrganizationName),
        [PeopleSheet.Header("name")] = Cell(p.Name),
        [PeopleSheet.Header("gender")] = PeopleSheet.Name("gender", p.Gender),
        [PeopleSheet.Header("ethnicity")] = PeopleSheet.Name("ethnicity", p.Ethnicity),
        [PeopleSheet.Header("birthDate")] = Date(p.BirthDate),
        [PeopleSheet.Header("idNumber")] = Cell(p.IdNumber),
        [PeopleSheet.Header("nativePlace")] = Cell(p.NativePlace),
        [PeopleSheet.Header("phone")] = Cell(p.Phone),
        [PeopleSheet.Header("employeeNumber")] = Cell(p.EmployeeNumber),
        [PeopleSheet.Header("department")] = Cell(p.Department),
        [PeopleSheet.Header("education")] = PeopleSheet.Name("education", p.Education),
        [PeopleSheet.Header("partyStatus")] = PeopleSheet.Name("partyStatus", p.PartyStatus),
        [PeopleSheet.Header("appliedOn")] = Date(p.AppliedOn),
        [PeopleSheet.Header("activistOn")] = Date(p.ActivistOn),
        [PeopleSheet.Header("candidateOn")] = Date(p.CandidateOn),
        [PeopleSheet.Header("joinedOn")] = Date(p.JoinedOn),
        [PeopleSheet.Header("convertedOn")] = Date(p.ConvertedOn),
    };

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd");
}
