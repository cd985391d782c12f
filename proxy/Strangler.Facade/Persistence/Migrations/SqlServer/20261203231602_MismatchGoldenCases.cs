using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strangler.Facade.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MismatchGoldenCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Golden",
                schema: "strangler",
                table: "Mismatches",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Golden",
                schema: "strangler",
                table: "Mismatches");
        }
    }
}
