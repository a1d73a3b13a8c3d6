namespace RedSail.Modules.Personnel.Domain;

internal static class PhoneNumber
{
    /// <summary>Mainland mobile (11 digits starting with 1) or a landline with area code (e.g. 010-68001234, extension allowed).</summary>
    public static bool IsValid(string phone) =>
        System.Text.RegularExpressions.Regex.IsMatch(phone, @"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$");

    /// <summary>138****8000: enough to recognise, not enough to call.</summary>
    public static string Mask(string phone) => phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : new string('*', phone.Length);
}
