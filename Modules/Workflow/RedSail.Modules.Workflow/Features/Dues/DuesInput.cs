using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>The field checks the dues requests share: money (yuan to the fen, never negative, within numeric(12,2)), categories, months.</summary>
internal static class DuesInput
{
    /// <summary>How far from the current month a base, a reduction or a generated month may be dated (two years back, one ahead).</summary>
    public const int MonthsBack = 24;

    public static ValidationErrors Money(this ValidationErrors errors, string field, decimal? amount, bool required = true, bool positive = false)
    {
        if (amount is null) return required ? errors.Add(field, "validation.required") : errors;
        if (!DuesCalculation.IsMoney(amount.Value) || (positive && amount.Value == 0m))
            errors.Add(field, positive ? "workflow.dues.amount_invalid" : "workflow.dues.money_invalid");
        return errors;
    }

    public static ValidationErrors Category(this ValidationErrors errors, string field, string? category) =>
        category is null ? errors.Add(field, "validation.required")
        : !DuesCategories.All.Contains(category) ? errors.Add(field, "workflow.dues.category_invalid") : errors;

    /// <summary>A month (any day of it) within <see cref="MonthsBack"/> months before and <see cref="DuesCalculation.MaxMonthsAhead"/> after today's.</summary>
    public static ValidationErrors Month(this ValidationErrors errors, string field, DateOnly? month, DateOnly today)
    {
        if (month is null) return errors.Add(field, "validation.required");
        var offset = DuesCalculation.MonthsBetween(DuesCalculation.MonthOf(today), DuesCalculation.MonthOf(month.Value));
        return offset < -MonthsBack || offset > DuesCalculation.MaxMonthsAhead
            ? errors.Add(field, "workflow.dues.month_out_of_range", MonthsBack, DuesCalculation.MaxMonthsAhead)
            : errors;
    }

    public static readonly IReadOnlySet<string> PaymentMethods = new HashSet<string> { "cash", "transfer", "online", "payroll" };

    public static ValidationErrors PaymentMethod(this ValidationErrors errors, string field, string? method) =>
        method is null ? errors.Add(field, "validation.required")
        : !PaymentMethods.Contains(method) ? errors.Add(field, "workflow.dues.method_invalid") : errors;

    public static ValidationErrors PaidOn(this ValidationErrors errors, string field, DateOnly? paidOn, DateOnly today) =>
        paidOn is null ? errors.Add(field, "validation.required")
        : paidOn > today ? errors.Add(field, "workflow.date_in_future")
        : paidOn < today.AddYears(-2) ? errors.Add(field, "workflow.dues.paid_on_too_old") : errors;
}
