using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Strangler.Facade.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialFlagStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "strangler");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                schema: "strangler",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Who = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Capability = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Before = table.Column<string>(type: "character varying(140000)", maxLength: 140000, nullable: true),
                    After = table.Column<string>(type: "character varying(140000)", maxLength: 140000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CapabilityStates",
                schema: "strangler",
                columns: table => new
                {
                    Capability = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Percentage = table.Column<double>(type: "double precision", nullable: false),
                    Users = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    Groups = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapabilityStates", x => x.Capability);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Capability_Id",
                schema: "strangler",
                table: "AuditEntries",
                columns: new[] { "Capability", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries",
                schema: "strangler");

            migrationBuilder.DropTable(
                name: "CapabilityStates",
                schema: "strangler");
        }
    }
}
