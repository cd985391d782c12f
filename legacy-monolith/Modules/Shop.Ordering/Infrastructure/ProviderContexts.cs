using Microsoft.EntityFrameworkCore;
using Strangler.ServiceDefaults.Persistence;

namespace Shop.Ordering.Infrastructure;

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqliteOrderingDbContext(DbContextOptions<SqliteOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class PostgresOrderingDbContext(DbContextOptions<PostgresOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class SqlServerOrderingDbContext(DbContextOptions<SqlServerOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class OrderingDesignTime() : ProviderDesignTime<SqliteOrderingDbContext, PostgresOrderingDbContext, SqlServerOrderingDbContext>(OrderingModule.Name.ToLowerInvariant());
