using System.Text;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Tests.Taxonomy;

public class CategoryMappingTests
{
    private static CategoryMappingResult Read(string text) => CategoryMapping.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Columns_are_found_by_name_and_the_parent_is_optional()
    {
        var result = Read("note,to,from,parent\nx,Information Security,Security,IT\ny,Networking,Network,\n");

        Assert.Empty(result.Errors);
        Assert.Equal([new CategoryMappingRow("Security", "Information Security", "IT", 2), new CategoryMappingRow("Network", "Networking", null, 3)], result.Rows);
    }

    [Fact]
    public void An_empty_name_and_a_category_mapped_twice_are_reported_by_row_and_column_and_the_good_rows_kept()
    {
        var result = Read("from,to\nSecurity,Information Security\nLegal,\nsecurity,IT\nRisk,Risk/Legal/Compliance\n");

        Assert.Equal(["Security", "Risk"], result.Rows.Select(r => r.From));
        Assert.Equal(
            ["Row 3, column to: the category name is empty; the row was skipped.", "Row 4, column from: \"security\" is mapped already on row 2; the row was skipped."],
            result.Errors.Select(e => e.Message));
        Assert.Equal([3L, 4L], result.Errors.Select(e => e.RowNumber!.Value));
    }

    [Fact]
    public void A_header_without_a_to_column_names_the_columns_it_has()
    {
        var result = Read("from,target\nSecurity,Information Security\n");

        var error = Assert.Single(result.Errors);
        Assert.Contains("no column named to; it has: from, target", error.Message);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Without_a_header_the_columns_are_from_to_parent()
    {
        var result = Read("Security,Information Security,IT\nLegal,Risk/Legal/Compliance\n");

        Assert.Equal([new CategoryMappingRow("Security", "Information Security", "IT", 1), new CategoryMappingRow("Legal", "Risk/Legal/Compliance", null, 2)], result.Rows);
    }
}
