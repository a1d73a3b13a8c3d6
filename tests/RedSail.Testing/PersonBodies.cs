namespace RedSail.Testing;

/// <summary>Request bodies for recording people, valid unless a test changes one part.</summary>
public static class PersonBodies
{
    public static readonly object FullMemberDates =
        new { appliedOn = "2012-03-01", activistOn = "2012-10-01", candidateOn = "2013-10-10", joinedOn = "2014-06-20", convertedOn = "2015-06-21" };

    public static object Person(Guid organization, string idNumber, string status, DateOnly birth, string gender = "1", string ethnicity = "01",
        string? education = "21", object? dates = null, string? phone = "13800138000", string name = "李建国") => new
    {
        organizationId = organization,
        basics = new
        {
            name, gender, ethnicity, birthDate = birth, idNumber, nativePlace = "北京市海淀区", phone, employeeNumber = (string?)null,
            department = "规划研究所", education,
        },
        partyStatus = status,
        partyDates = dates ?? FullMemberDates,
    };
}
