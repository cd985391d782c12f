using Strangler.Scan;

namespace Proxy.Tests.Scan;

/// <summary>The tables a command reads and writes, from SQL as EF Core writes it for SQLite, PostgreSQL and SQL Server.</summary>
public sealed class SqlTablesTests
{
    [Theory]
    [InlineData("""SELECT "p"."Id" FROM "Products" AS "p" LEFT JOIN "Categories" AS "c" ON "p"."CategoryId" = "c"."Id" """, "catalog.Categories,catalog.Products", "")]
    [InlineData("""SELECT p."Id" FROM catalog."Products" AS p""", "catalog.Products", "")]
    [InlineData("SELECT [p].[Id] FROM [catalog].[Products] AS [p] INNER JOIN [catalog].[Categories] AS [c] ON 1 = 1", "catalog.Categories,catalog.Products", "")]
    [InlineData("""INSERT INTO "Orders" ("Id") VALUES (@p0) RETURNING "Version";""", "", "catalog.Orders")]
    [InlineData("""UPDATE "Products" SET "Stock" = @p0 WHERE "Id" = @p1;""", "", "catalog.Products")]
    [InlineData("""DELETE FROM "StockReservations" WHERE "Id" = @p0;""", "", "catalog.StockReservations")]
    [InlineData("""DELETE FROM "Lines" WHERE "OrderId" IN (SELECT "Id" FROM "Orders")""", "catalog.Orders", "catalog.Lines")]
    [InlineData("MERGE [ordering].[Orders] USING (VALUES (@p0)) AS i ([Id]) ON 1=0 WHEN NOT MATCHED THEN INSERT ([Id]) VALUES (i.[Id]);", "", "ordering.Orders")]
    public void Reads_and_writes_are_named_with_their_schema_or_the_qualifier(string sql, string reads, string writes)
    {
        var (read, written) = SqlTables.Of(sql, "catalog");

        Assert.Equal(reads, string.Join(',', read.Order(StringComparer.Ordinal)));
        Assert.Equal(writes, string.Join(',', written.Order(StringComparer.Ordinal)));
    }
}
