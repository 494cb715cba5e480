using System.Text;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Tests.Tables;

public sealed class TableSnifferTests
{
    [Theory]
    [InlineData(new[] { "id", "Job Title", "Title" }, 1)]
    [InlineData(new[] { "email", "Titel", "Berufsbezeichnung" }, 2)]
    [InlineData(new[] { "nombre", "Puesto" }, 1)]
    [InlineData(new[] { "First Name", "Current Position", "Company" }, 1)]
    [InlineData(new[] { "id", "job_title_raw" }, 1)]
    [InlineData(new[] { "Title ID", "Designation" }, 1)]
    [InlineData(new[] { "conceptType", "preferredLabel" }, 1)]
    public void ATitleColumnIsFoundByItsName(string[] headers, int expected) =>
        Assert.Equal(expected, TableSniffer.GuessTitleColumn(headers));

    [Fact]
    public void WithoutATellingNameTheColumnWithTheMostTitleLikeValuesWins()
    {
        var preview = TableSniffer.Preview(new MemoryStream(Encoding.UTF8.GetBytes(
            "12,ada@example.com,Lead,Senior Software Engineer,2024-01-02\n" +
            "13,bob@example.com,Lead,Head of Marketing,2024-01-03\n" +
            "14,cy@example.com,Lead,Registered Nurse,2024-01-04\n")));

        Assert.Equal(3, preview.TitleColumn);
        Assert.False(preview.Settings.HasHeader);
    }

    [Fact]
    public void APreviewShowsTheSettingsAndOnlyTheFirstRows()
    {
        var text = "title,level\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"Title {i},Manager\n"));

        var preview = TableSniffer.Preview(new MemoryStream(Encoding.UTF8.GetBytes(text)), rowCount: 5);

        Assert.Equal(5, preview.Rows.Count);
        Assert.Equal(new TableSettings(TableFileFormat.Csv, preview.Settings.Encoding, ',', true, null), preview.Settings);
        Assert.Equal(0, preview.TitleColumn);
    }

    [Fact]
    public void NoColumnIsGuessedWhenNothingLooksLikeATitle() =>
        Assert.Null(TableSniffer.GuessTitleColumn(["a", "b"], []));
}
