using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strangler.Facade.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ShadowMismatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Mismatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Capability = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    LegacyStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    LegacyBody = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    CandidateBody = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    DifferenceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstDifference = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Differences = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mismatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Mismatches_Capability_Id",
                table: "Mismatches",
                columns: new[] { "Capability", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Mismatches");
        }
    }
}
