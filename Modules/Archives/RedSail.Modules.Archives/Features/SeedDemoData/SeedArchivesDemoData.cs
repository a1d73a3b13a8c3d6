using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Features.SeedDemoData;

/// <summary>Each area adds its share of the demo as an <see cref="IDemoPart{TSession}"/> in its own slice.</summary>
internal sealed class SeedArchivesDemoDataHandler(ArchivesDb db, IEnumerable<IDemoPart<ArchivesDb>> parts, IClock clock)
    : IRequestHandler<SeedArchivesDemoData, int>
{
    public Task<int> Handle(SeedArchivesDemoData request, CancellationToken cancellationToken) =>
        DemoSeeding.RunOnceAsync(db, parts, request.Seed, clock.Today, cancellationToken);
}
