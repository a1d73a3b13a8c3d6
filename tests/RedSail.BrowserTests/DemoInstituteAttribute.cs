namespace RedSail.BrowserTests;

/// <summary>
/// The fixture's host starts on a fresh copy of the demo institute (seeded once per run, every delivery made) instead of an
/// empty database; <see cref="BrowserFixture"/>'s SeedDemoInstituteAsync then only checks it and returns the root.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DemoInstituteAttribute : Attribute;
