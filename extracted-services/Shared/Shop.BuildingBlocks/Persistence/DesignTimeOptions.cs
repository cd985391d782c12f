using Microsoft.EntityFrameworkCore;

namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// Options for <c>dotnet ef</c> at design time. Migrations are generated without a server, so the
/// connection strings here are placeholders that are never opened.
/// </summary>
public static class DesignTimeOptions
{
    public static DbContextOptions<T> Sqlite<T>(string moduleName) where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlite($"Data Source={moduleName.ToLowerInvariant()}.db").Options;

    public static DbContextOptions<T> PostgreSql<T>(string moduleName) where T : DbContext =>
        new DbContextOptionsBuilder<T>()
            .UseNpgsql("Host=localhost;Database=shop", npgsql =>
                npgsql.MigrationsHistoryTable("__EFMigrationsHistory", moduleName.ToLowerInvariant()))
            .Options;

    public static DbContextOptions<T> SqlServer<T>(string moduleName) where T : DbContext =>
        new DbContextOptionsBuilder<T>()
            .UseSqlServer("Server=localhost;Database=shop;TrustServerCertificate=true", sql =>
                sql.MigrationsHistoryTable("__EFMigrationsHistory", moduleName.ToLowerInvariant()))
            .Options;
}
