using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strangler.Facade.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MismatchGoldenCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Golden",
                table: "Mismatches",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Golden",
                table: "Mismatches");
        }
    }
}
