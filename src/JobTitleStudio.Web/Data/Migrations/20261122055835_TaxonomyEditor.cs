using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobTitleStudio.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaxonomyEditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AxisId",
                table: "LabelChangeSets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TaxonomyJson",
                table: "LabelChangeSets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "Categories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_LabelChangeSets_AxisId",
                table: "LabelChangeSets",
                column: "AxisId");

            migrationBuilder.CreateIndex(
                name: "IX_Categories_ParentId",
                table: "Categories",
                column: "ParentId");

            migrationBuilder.AddForeignKey(
                name: "FK_Categories_Categories_ParentId",
                table: "Categories",
                column: "ParentId",
                principalTable: "Categories",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_LabelChangeSets_Axes_AxisId",
                table: "LabelChangeSets",
                column: "AxisId",
                principalTable: "Axes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Categories_Categories_ParentId",
                table: "Categories");

            migrationBuilder.DropForeignKey(
                name: "FK_LabelChangeSets_Axes_AxisId",
                table: "LabelChangeSets");

            migrationBuilder.DropIndex(
                name: "IX_LabelChangeSets_AxisId",
                table: "LabelChangeSets");

            migrationBuilder.DropIndex(
                name: "IX_Categories_ParentId",
                table: "Categories");

            migrationBuilder.DropColumn(
                name: "AxisId",
                table: "LabelChangeSets");

            migrationBuilder.DropColumn(
                name: "TaxonomyJson",
                table: "LabelChangeSets");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Categories");
        }
    }
}
