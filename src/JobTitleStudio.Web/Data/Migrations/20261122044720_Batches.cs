using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobTitleStudio.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Batches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BatchJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    InputExtension = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    InputBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    TitleColumn = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleColumnName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TopN = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RowsProcessed = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsTotal = table.Column<long>(type: "INTEGER", nullable: true),
                    Classified = table.Column<long>(type: "INTEGER", nullable: false),
                    Abstained = table.Column<long>(type: "INTEGER", nullable: false),
                    Junk = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsWithIssues = table.Column<long>(type: "INTEGER", nullable: false),
                    ResultBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true),
                    SummaryJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchJobs_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BatchJobs_Status",
                table: "BatchJobs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_BatchJobs_WorkspaceId_CreatedAt",
                table: "BatchJobs",
                columns: new[] { "WorkspaceId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BatchJobs");
        }
    }
}
