using Microsoft.EntityFrameworkCore;
using Strangler.ServiceDefaults.Persistence;

namespace Shop.Payments.Infrastructure;

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqlitePaymentsDbContext(DbContextOptions<SqlitePaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class PostgresPaymentsDbContext(DbContextOptions<PostgresPaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class SqlServerPaymentsDbContext(DbContextOptions<SqlServerPaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class PaymentsDesignTime() : ProviderDesignTime<SqlitePaymentsDbContext, PostgresPaymentsDbContext, SqlServerPaymentsDbContext>(PaymentsModule.Name.ToLowerInvariant());
