using Services.Tests.Fixtures;
using Strangler.Contracts.Golden;
using Strangler.GoldenCases;

namespace Services.Tests.GoldenCases;

/// <summary>
/// The shop's own golden cases (GoldenCases/cases, exported from real mismatches the way docs/03
/// shows), each run against the real catalog-service on the seeded data: regression tests for faults
/// that were found by shadowing and fixed.
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class ShopGoldenCasesTests(SqliteSideBySide sides)
{
    [Theory]
    [GoldenCases("GoldenCases/cases")]
    public async Task The_service_answers_as_the_monolith_did(string file)
    {
        await sides.EnsureFreshAsync();
        var golden = GoldenCaseFile.Read(file);
        var service = golden.Service == sides.Catalog.Service.Name ? sides.Catalog : sides.Ordering;
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        await GoldenCaseAssert.AnswersAsTheLegacySideDidAsync(golden, client, new GoldenCaseSettings(new Dictionary<string, Uri>(), null, null, null));
    }
}
