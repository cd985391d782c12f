using Microsoft.EntityFrameworkCore;
using Strangler.ServiceDefaults.Persistence;

namespace Strangler.Facade.Persistence;

// One subclass per provider, each owning its migrations folder; the model lives in the base class.
internal sealed class SqliteFacadeDbContext(DbContextOptions<SqliteFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class PostgresFacadeDbContext(DbContextOptions<PostgresFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class SqlServerFacadeDbContext(DbContextOptions<SqlServerFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class FacadeDesignTime() : ProviderDesignTime<SqliteFacadeDbContext, PostgresFacadeDbContext, SqlServerFacadeDbContext>(FacadeDbContext.Schema);
