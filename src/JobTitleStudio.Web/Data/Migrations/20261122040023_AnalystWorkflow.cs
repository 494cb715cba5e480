using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobTitleStudio.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnalystWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Corrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Axis = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OldLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NewLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    UndoOfId = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneById = table.Column<long>(type: "INTEGER", nullable: true),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Corrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Corrections_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PredictionCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PredictionCalls_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PredictionRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Axis = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Probability = table.Column<float>(type: "REAL", nullable: false),
                    Margin = table.Column<float>(type: "REAL", nullable: false),
                    RuleLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Uncertainty = table.Column<double>(type: "REAL", nullable: false),
                    Queued = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PredictionRecords_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Corrections_WorkspaceId_Axis_Id",
                table: "Corrections",
                columns: new[] { "WorkspaceId", "Axis", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Corrections_WorkspaceId_CreatedAt",
                table: "Corrections",
                columns: new[] { "WorkspaceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Corrections_WorkspaceId_Id",
                table: "Corrections",
                columns: new[] { "WorkspaceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionCalls_WorkspaceId_CreatedAt",
                table: "PredictionCalls",
                columns: new[] { "WorkspaceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionRecords_WorkspaceId_NormalizedTitle_Axis_Outcome",
                table: "PredictionRecords",
                columns: new[] { "WorkspaceId", "NormalizedTitle", "Axis", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionRecords_WorkspaceId_Outcome_Queued_Uncertainty",
                table: "PredictionRecords",
                columns: new[] { "WorkspaceId", "Outcome", "Queued", "Uncertainty" });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionRecords_WorkspaceId_ReviewedAt",
                table: "PredictionRecords",
                columns: new[] { "WorkspaceId", "ReviewedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Corrections");

            migrationBuilder.DropTable(
                name: "PredictionCalls");

            migrationBuilder.DropTable(
                name: "PredictionRecords");
        }
    }
}
