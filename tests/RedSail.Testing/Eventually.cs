namespace RedSail.Testing;

/// <summary>Waits for what happens after a commit, such as the delivery of integration events to another module.</summary>
public static class Eventually
{
    /// <summary>Polls until the condition holds; returns false after the timeout (the test then asserts on the state).</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, int timeoutMs = 15000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return await condition();
    }
}
