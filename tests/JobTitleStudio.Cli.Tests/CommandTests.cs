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
    public void Classify_reports_ragged_rows_and_long_cells_by_row_and_column_and_still_classifies_every_row()
    {
        var model = TrainModel();
        var input = _folder.Write("in.csv", $"id,title,note\n1,Recruiter,a\n2,Sales Manager\n3,IT Manager,b,extra\n4,Data Engineer,{new string('x', 100_000)}\n");
        var output = _folder.File("out.csv");

        var result = CliRunner.Run("classify", "--model", model, "--input", input, "--title-column", "title", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Row 3 has 2 cells but the header has 3", result.Messages);
        Assert.Contains("Row 4 has 4 cells but the header has 3", result.Messages);
        Assert.Contains("Row 5, column 3 \"note\": the cell has 100,000 characters", result.Messages);
        using var reader = TableReader.OpenFile(output);
        var rows = reader.ReadRows().ToList();
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r[0]));
        Assert.Equal(["Human Resources", "Sales", "IT", "IT"], rows.Select(r => r[reader.ColumnIndex("Function.label")]));
        Assert.Contains("Classified 4 of 4 rows", result.Messages);
    }

    [Fact]
    public void Classify_of_a_file_with_a_quote_never_closed_writes_every_row_before_it_and_says_where()
    {
        var model = TrainModel();
        var good = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i},Recruiter\n"));
        var input = _folder.Write("in.csv", $"id,title\n{good}20001,\"Sales Manager\n20002,IT Manager\n");
        var output = _folder.File("out.csv");

        var result = CliRunner.Run("classify", "--model", model, "--input", input, "--title-column", "title", "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Row 20002, column 2", result.Messages);
        Assert.Contains("never closed", result.Messages);
        Assert.Contains($"The 20,000 rows before it are in {output}", result.Messages);
        using var reader = TableReader.OpenFile(output);
        Assert.Equal(20_000, reader.ReadRows().Count());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\0\0\0\0\u0001\u0002PK\0\0binary", "binary file")]
    public void Classify_refuses_an_empty_or_binary_input_without_writing_an_output(string content, string message)
    {
        var model = TrainModel();
        var input = _folder.Write("in.csv", content);
        var output = _folder.File("out.csv");

        var result = CliRunner.Run("classify", "--model", model, "--input", input, "--title-column", "title", "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Messages);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Classify_with_a_missing_model_file_says_so_without_writing_an_output()
    {
        var input = _folder.Write("in.csv", "title\nRecruiter\n");
        var output = _folder.File("out.csv");

        var result = CliRunner.Run("classify", "--model", _folder.File("none.jtsm"), "--input", input, "--title-column", "title", "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.jtsm does not exist", result.Messages);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Build_text_tables_writes_the_tables_the_normaliser_loads()
    {
        var result = CliRunner.Run("build-text-tables", "--output", _folder.Path);

        Assert.True(result.ExitCode == 0, result.Messages);
        foreach (var file in Core.Text.TextTables.Files)
        {
            Assert.True(File.Exists(_folder.File(file)), file);
        }
        Assert.Contains("engineer", File.ReadLines(_folder.File("vocabulary.txt")));
        Assert.Contains("Wrote 5 text tables", result.Messages);
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
