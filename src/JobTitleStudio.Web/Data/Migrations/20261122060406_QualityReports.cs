using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobTitleStudio.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QualityReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabelErrorRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Folds = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelDescription = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ModelOptionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    RecordsScored = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelErrorRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LabelErrorRuns_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LabelErrorFindings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    AxisId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LabelProbability = table.Column<double>(type: "REAL", nullable: false),
                    Loss = table.Column<double>(type: "REAL", nullable: false),
                    Suggestion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SuggestionProbability = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelErrorFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LabelErrorFindings_Axes_AxisId",
                        column: x => x.AxisId,
                        principalTable: "Axes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LabelErrorFindings_LabelErrorRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "LabelErrorRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LabelErrorFindings_Records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabelErrorFindings_AxisId",
                table: "LabelErrorFindings",
                column: "AxisId");

            migrationBuilder.CreateIndex(
                name: "IX_LabelErrorFindings_RecordId",
                table: "LabelErrorFindings",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_LabelErrorFindings_RunId_Loss",
                table: "LabelErrorFindings",
                columns: new[] { "RunId", "Loss" });

            migrationBuilder.CreateIndex(
                name: "IX_LabelErrorRuns_WorkspaceId_CreatedAt",
                table: "LabelErrorRuns",
                columns: new[] { "WorkspaceId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabelErrorFindings");

            migrationBuilder.DropTable(
                name: "LabelErrorRuns");
        }
    }
}
