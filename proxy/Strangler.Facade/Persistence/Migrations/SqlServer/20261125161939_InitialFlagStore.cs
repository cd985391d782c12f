using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strangler.Facade.Persistence.Migrations.SqlServer
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Who = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Capability = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    Before = table.Column<string>(type: "nvarchar(max)", maxLength: 140000, nullable: true),
                    After = table.Column<string>(type: "nvarchar(max)", maxLength: 140000, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false)
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
                    Capability = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    Mode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Percentage = table.Column<double>(type: "float", nullable: false),
                    Users = table.Column<string>(type: "nvarchar(max)", maxLength: 65536, nullable: false),
                    Groups = table.Column<string>(type: "nvarchar(max)", maxLength: 65536, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false)
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
