using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strangler.Facade.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialFlagStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Capability = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 140000, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 140000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CapabilityStates",
                columns: table => new
                {
                    Capability = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Percentage = table.Column<double>(type: "REAL", nullable: false),
                    Users = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    Groups = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapabilityStates", x => x.Capability);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Capability_Id",
                table: "AuditEntries",
                columns: new[] { "Capability", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CapabilityStates");
        }
    }
}
