using Microsoft.EntityFrameworkCore;
using Strangler.ServiceDefaults.Persistence;

namespace Shop.Catalog.Infrastructure;

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class SqlServerCatalogDbContext(DbContextOptions<SqlServerCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class CatalogDesignTime() : ProviderDesignTime<SqliteCatalogDbContext, PostgresCatalogDbContext, SqlServerCatalogDbContext>(CatalogModule.Name.ToLowerInvariant());
