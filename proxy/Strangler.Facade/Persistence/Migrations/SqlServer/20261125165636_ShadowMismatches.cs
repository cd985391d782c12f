using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strangler.Facade.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ShadowMismatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Mismatches",
                schema: "strangler",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Capability = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    Method = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Target = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: false),
                    Direction = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CorrelationId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    LegacyStatus = table.Column<int>(type: "int", nullable: false),
                    CandidateStatus = table.Column<int>(type: "int", nullable: false),
                    LegacyBody = table.Column<string>(type: "nvarchar(max)", maxLength: 16384, nullable: false),
                    CandidateBody = table.Column<string>(type: "nvarchar(max)", maxLength: 16384, nullable: false),
                    DifferenceCount = table.Column<int>(type: "int", nullable: false),
                    FirstDifference = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: false),
                    Differences = table.Column<string>(type: "nvarchar(max)", maxLength: 65536, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mismatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Mismatches_Capability_Id",
                schema: "strangler",
                table: "Mismatches",
                columns: new[] { "Capability", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Mismatches",
                schema: "strangler");
        }
    }
}
