using RedSail.Modules.Honors.Contracts;

namespace RedSail.Modules.Honors.Features.SeedDemoData;

/// <summary>Each area adds its share of the demo as an <see cref="IDemoPart{TSession}"/> in its own slice.</summary>
internal sealed class SeedHonorsDemoDataHandler(HonorsDb db, IEnumerable<IDemoPart<HonorsDb>> parts, IClock clock)
    : IRequestHandler<SeedHonorsDemoData, int>
{
    public Task<int> Handle(SeedHonorsDemoData request, CancellationToken cancellationToken) =>
        DemoSeeding.RunOnceAsync(db, parts, request.Seed, clock.Today, cancellationToken);
}
