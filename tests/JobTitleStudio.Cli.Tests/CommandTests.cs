using System.Text.Json;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private const string TrainingCsv = """
        title,department,seniority
        Sales Manager,Sales,Manager
        Account Executive,Sales,Professional
        Sales Representative,Sales,Professional
        Director of Sales,Sales,Director
        Regional Sales Director,Sales,Director
        Key Account Manager,Sales,Manager
        Marketing Manager,Marketing,Manager
        Brand Manager,Marketing,Manager
        Content Marketing Specialist,Marketing,Professional
        Director of Marketing,Marketing,Director
        SEO Specialist,Marketing,Professional
        Digital Marketing Manager,Marketing,Manager
        HR Manager,Human Resources,Manager
        Recruiter,Human Resources,Professional
        Talent Acquisition Specialist,Human Resources,Professional
        Director of Human Resources,Human Resources,Director
        Payroll Specialist,Human Resources,Professional
        Software Engineer,IT,Professional
        IT Manager,IT,Manager
        Systems Administrator,IT,Professional
        Director of Engineering,IT,Director
        Data Engineer,IT,Professional
        Network Engineer,IT,Professional
        """;

    private readonly TempFolder _folder = new();

    private string TrainModel(params string[] extra)
    {
        var input = _folder.Write("train.csv", TrainingCsv);
        var model = _folder.File("team.jtsm");
        var result = CliRunner.Run([
            "train", "--input", input, "--title-column", "title",
            "--label-column", "Function=department", "--label-column", "level=seniority", "--model", model, .. extra]);
        Assert.True(result.ExitCode == 0, result.Messages);
        return model;
    }

    [Fact]
    public void Classify_keeps_every_input_column_in_order_and_appends_four_columns_per_axis()
    {
        var model = TrainModel();
        var input = _folder.Write("in.csv", "id,Job Title,note\n1,Sales Director,\"quoted, with comma\"\n2,Senior Recruiter,=HYPERLINK(\"x\")\n3,10/6;,junk\n");
        var output = _folder.File("out.csv");

        var result = CliRunner.Run("classify", "--model", model, "--input", input, "--title-column", "Job Title", "--output", output, "--top", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Data);
        using var reader = TableReader.OpenFile(output);
        Assert.Equal(
            ["id", "Job Title", "note", "Function.label", "Function.probability", "Function.abstained", "Function.top", "level.label", "level.probability", "level.abstained", "level.top"],
            reader.Headers);
        var rows = reader.ReadRows().ToList();
        Assert.Equal(["1", "2", "3"], rows.Select(r => r[0]));
        Assert.Equal("quoted, with comma", rows[0][2]);
        Assert.Equal("'=HYPERLINK(\"x\")", rows[1][2]);
        Assert.Equal("Sales", rows[0][3]);
        Assert.Equal("Director", rows[0][7]);
        Assert.Equal("Human Resources", rows[1][3]);
        Assert.Equal("false", rows[0][5]);
        Assert.Matches(@"^Sales:0\.\d+\|[^:|]+:0\.\d+$", rows[0][6]);
        Assert.Equal(string.Empty, rows[2][3]);
        Assert.Contains("1 junk", result.Messages);
    }

    [Fact]
    public void Learn_makes_classify_return_the_taught_label_with_the_top_probability()
    {
        var model = TrainModel();
        var taught = CliRunner.Run("learn", "--model", model, "--title", "Growth Hacker", "--axis", "Function", "--label", "Marketing");
        Assert.Equal(0, taught.ExitCode);
        Assert.Equal("Marketing", JsonDocument.Parse(taught.Data).RootElement.GetProperty("label").GetString());

        var input = _folder.Write("in.csv", "title\nGrowth Hacker\n");
        var output = _folder.File("out.csv");
        Assert.Equal(0, CliRunner.Run("classify", "--model", model, "--input", input, "--title-column", "title", "--output", output).ExitCode);

        using var reader = TableReader.OpenFile(output);
        var row = reader.ReadRows().Single();
        Assert.Equal("Marketing", row[reader.ColumnIndex("Function.label")]);
        Assert.StartsWith("Marketing:", row[reader.ColumnIndex("Function.top")]);
    }

    [Fact]
    public void Eval_prints_metrics_per_axis_as_json_on_standard_output()
    {
        var model = TrainModel();
        var input = _folder.Write("test.csv", "title,department\nSales Director,Sales\nMarketing Specialist,Marketing\nIT Director,IT\nUnheard Of Label Title,Legal\n");

        var result = CliRunner.Run("eval", "--model", model, "--input", input, "--title-column", "title", "--label-column", "Function=department");

        Assert.Equal(0, result.ExitCode);
        var axis = JsonDocument.Parse(result.Data).RootElement.GetProperty("axes").GetProperty("Function");
        Assert.Equal(3, axis.GetProperty("evaluated").GetInt32());
        Assert.Equal(1, axis.GetProperty("skippedUnknownLabels").GetInt32());
        Assert.InRange(axis.GetProperty("accuracy").GetDouble(), 0.66, 1.0);
        Assert.True(axis.GetProperty("top5").GetDouble() >= axis.GetProperty("top1").GetDouble());
    }

    [Fact]
    public void An_axis_with_a_threshold_abstains_to_its_other_category_but_keeps_the_real_ranking()
    {
        var model = TrainModel("--threshold", "Function=0.999", "--other", "Function=Unsure");
        var input = _folder.Write("in.csv", "title\nSales Director\n");
        var output = _folder.File("out.csv");

        Assert.Equal(0, CliRunner.Run("classify", "--model", model, "--input", input, "--title-column", "title", "--output", output).ExitCode);

        using var reader = TableReader.OpenFile(output);
        var row = reader.ReadRows().Single();
        Assert.Equal("Unsure", row[reader.ColumnIndex("Function.label")]);
        Assert.Equal("true", row[reader.ColumnIndex("Function.abstained")]);
        Assert.StartsWith("Sales:", row[reader.ColumnIndex("Function.top")]);
    }

    [Fact]
    public void Report_inconsistencies_prints_exactly_the_expected_rows_counts_and_variances()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "inconsistent-titles.csv");
        var expected = Path.Combine(AppContext.BaseDirectory, "Fixtures", "inconsistent-titles.expected.csv");

        var result = CliRunner.Run("report", "inconsistencies", "--input", fixture, "--title-column", "Job Title",
            "--label-column", "Function=Department", "--label-column", "Level=Seniority");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ReadCells(File.OpenRead(expected)), ReadCells(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(result.Data))));
        Assert.Contains("21 titles", result.Messages);
    }

    [Fact]
    public void A_missing_column_is_named_with_the_columns_the_file_has()
    {
        var input = _folder.Write("in.csv", "name,role\nA,B\n");

        var result = CliRunner.Run("report", "inconsistencies", "--input", input, "--title-column", "title", "--label-column", "Function=role");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no column 'title'", result.Messages);
        Assert.Contains("name, role", result.Messages);
        Assert.Empty(result.Data);
    }

    [Theory]
    [InlineData(new[] { "classify", "--input", "x.csv", "--title-column", "t", "--output", "o.csv", "--bogus", "1" }, "Unknown option --bogus")]
    [InlineData(new[] { "train", "--input", "missing.csv", "--title-column", "t", "--label-column", "A=b", "--model", "m.jtsm" }, "missing.csv does not exist")]
    [InlineData(new[] { "train", "--input", "x.csv", "--title-column", "t", "--label-column", "Ab", "--model", "m.jtsm" }, "write it as AXIS=VALUE")]
    [InlineData(new[] { "frobnicate" }, "Unknown verb 'frobnicate'")]
    public void Command_line_mistakes_exit_with_2_and_say_what_to_fix(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Messages);
    }

    [Fact]
    public void Learn_with_an_unknown_label_names_the_axis_categories()
    {
        var model = TrainModel();

        var result = CliRunner.Run("learn", "--model", model, "--title", "Chef", "--axis", "Function", "--label", "Kitchen");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a category of axis Function", result.Messages);
        Assert.Contains("Marketing", result.Messages);
    }

    private static List<string[]> ReadCells(Stream stream)
    {
        using var reader = TableReader.Open(stream, new TableReadOptions { Delimiter = ',', HasHeader = false });
        return [.. reader.ReadRows().Select(r => r.Cells.ToArray())];
    }

    public void Dispose() => _folder.Dispose();
}
