using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Domain;

/// <summary>The organisations that run a branch's party work (meetings, recruitment, dues): 党支部 and its kinds, and 党总支.</summary>
internal static class BranchTypes
{
    public static readonly string[] All =
        [OrganizationTypes.Branch, OrganizationTypes.JointBranch, OrganizationTypes.TemporaryBranch, OrganizationTypes.GeneralBranch];

    /// <summary>SQL: the organisation alias is a branch (bind nothing; the codes are constants).</summary>
    public static string Sql(string organizationAlias) =>
        $"{organizationAlias}.type in ({string.Join(", ", All.Select(t => $"'{t}'"))})";
}
