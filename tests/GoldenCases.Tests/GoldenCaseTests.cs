using Strangler.GoldenCases;
using Xunit;

namespace GoldenCases.Tests;

/// <summary>
/// Every golden case in <c>STRANGLER_GOLDEN_CASES</c>, run against the service the environment names
/// (<c>STRANGLER_GOLDEN_SERVICES</c>): it fails with the differences the façade found until the service
/// answers as the monolith did. docs/03 walks the loop.
/// </summary>
public sealed class GoldenCaseTests
{
    [Theory]
    [GoldenCases]
    public Task The_service_answers_as_the_monolith_did(string golden) => GoldenCaseAssert.AnswersAsTheLegacySideDidAsync(golden);
}
