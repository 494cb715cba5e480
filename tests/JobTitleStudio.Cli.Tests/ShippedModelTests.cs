using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Cli.Tests;

/// <summary>
/// The real shipped model, as a user gets it: built from models/source on first use (about a minute on a
/// fresh machine, then cached in models/cache) and used by every verb when no --model is given.
/// </summary>
public sealed class ShippedModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Classify_without_a_model_uses_the_shipped_model_on_all_three_axes()
    {
        var input = _folder.Write("in.csv", "title\nRegistered Nurse\nVP Mktg\nTalent acq. manager\nGeschäftsführer\nSr. Software Engineer\n");
        var output = _folder.File("out.csv");

        var result = CliRunner.Run("classify", "--input", input, "--title-column", "title", "--output", output);

        Assert.True(result.ExitCode == 0, result.Messages);
        using var reader = TableReader.OpenFile(output);
        var rows = reader.ReadRows().ToDictionary(r => r[0]);
        string Cell(string title, string column) => rows[title][reader.ColumnIndex(column)];
        Assert.Equal("29-1141.00", Cell("Registered Nurse", "Occupation.label"));
        Assert.Equal("Healthcare", Cell("Registered Nurse", "Function.label"));
        Assert.Equal("Marketing", Cell("VP Mktg", "Function.label"));
        Assert.Equal("VP", Cell("VP Mktg", "Level.label"));
        Assert.Equal("Human Resources", Cell("Talent acq. manager", "Function.label"));
        Assert.Equal("C-Level", Cell("Geschäftsführer", "Level.label"));
        Assert.Equal("Information Technology", Cell("Sr. Software Engineer", "Function.label"));
        Assert.Equal("Senior", Cell("Sr. Software Engineer", "Level.label"));
    }

    public void Dispose() => _folder.Dispose();
}
