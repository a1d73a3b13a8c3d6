namespace RedSail.Testing;

/// <summary>Waits for the integration events every module published to reach their subscribers.</summary>
public static class Outboxes
{
    /// <summary>
    /// Waits until every module's outbox has delivered what is due (parked deliveries do not count), so that background
    /// deliveries do not change the state a test compares or copies.
    /// </summary>
    public static async Task DrainedAsync(TestHost host)
    {
        var pending = await host.ScalarAsync<string>("""
            select string_agg(format('(select count(*) from %I.outbox_delivery where delivered_at is null and parked_at is null)', table_schema), ' + ')
            from information_schema.tables where table_name = 'outbox_delivery'
            """);
        await Eventually.HoldsAsync(async () => await host.ScalarAsync<long>($"select {pending}") == 0, 120000);
    }
}
