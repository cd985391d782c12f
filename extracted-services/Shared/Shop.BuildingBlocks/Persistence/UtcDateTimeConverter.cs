using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// SQLite hands DateTime back with an unspecified kind, which would serialise without the 'Z'.
/// Every timestamp in the shop is UTC, so it is stored as UTC and read back marked as UTC.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
