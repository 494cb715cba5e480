using System.Net;
using System.Text;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Features.Batches;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JobTitleStudio.Web.Tests.Features.Batches;

/// <summary>One app with the small test model for the tests that each upload their own file.</summary>
public sealed class BatchAppFixture : IAsyncLifetime
{
    public StudioAppFactory App { get; } = new(withTestModel: true);

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = App.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class BatchApiTests(BatchAppFixture fixture) : IClassFixture<BatchAppFixture>
{
    private static readonly string[] PredictionHeaders =
    [
        "Function.label", "Function.probability", "Function.abstained", "Function.top",
        "Level.label", "Level.probability", "Level.abstained", "Level.top",
    ];

    private const string Leads = """
        id,first_name,job_title,country
        1,Ana,Sales Manager,US
        2,Ben,Software Engineer,GB
        3,Chloé,Director of Finance,FR
        4,Dev,HR Assistant,IN
        5,Eva,Sales Manager,DE
        6,Farid,Marketing Manager,US
        """;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Upload_poll_download_keeps_every_input_column_and_the_row_order_then_adds_each_axis_prediction_columns()
    {
        var id = await BatchApi.StartAsync(Client, Leads, top: "2");

        var status = await BatchApi.WaitAsync(Client, id);
        using var response = await Client.GetAsync($"/api/batches/{id}/result?format=csv");
        var rows = ReadCsv(await response.Content.ReadAsByteArrayAsync(), out var headers);

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(6, status.GetProperty("processed").GetInt64());
        Assert.Equal(6, status.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("leads-classified.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(["id", "first_name", "job_title", "country", .. PredictionHeaders], headers);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], rows.Select(r => r[0]));
        Assert.Equal(["Ana", "Ben", "Chloé", "Dev", "Eva", "Farid"], rows.Select(r => r[1]));
        Assert.Equal(["US", "GB", "FR", "IN", "DE", "US"], rows.Select(r => r[3]));
        Assert.Equal("Sales", rows[0][4]);
        Assert.Equal("Information Technology", rows[1][4]);
        Assert.Equal(2, rows[0][7].Split('|').Length);
        Assert.Equal(rows[0][4..], rows[4][4..]);
    }

    [Fact]
    public async Task The_status_reports_the_summary_counts_and_the_categories_per_axis_once_completed()
    {
        var id = await BatchApi.StartAsync(Client, Leads + "\n7,Gus,!!!,US\n");

        var status = await BatchApi.WaitAsync(Client, id);

        Assert.Equal(7, status.GetProperty("processed").GetInt64());
        Assert.Equal(6, status.GetProperty("classified").GetInt64());
        Assert.Equal(1, status.GetProperty("junk").GetInt64());
        Assert.Equal("analyst", status.GetProperty("createdBy").GetString());
        Assert.Equal("job_title", status.GetProperty("titleColumn").GetString());
        Assert.StartsWith("default@", status.GetProperty("model").GetString());
        var function = status.GetProperty("axes").EnumerateArray().Single(a => a.GetProperty("axis").GetString() == "Function");
        var sales = function.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "Sales");
        Assert.Equal(2, sales.GetProperty("count").GetInt64());
        Assert.Equal(6, function.GetProperty("categories").EnumerateArray().Sum(c => c.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task The_xlsx_download_opens_as_a_workbook_with_the_same_cells_as_the_csv()
    {
        var id = await BatchApi.StartAsync(Client, Leads);
        await BatchApi.WaitAsync(Client, id);

        var csv = ReadCsv(await Client.GetByteArrayAsync($"/api/batches/{id}/result?format=csv"), out var csvHeaders);
        using var response = await Client.GetAsync($"/api/batches/{id}/result?format=xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var workbook = TableReader.Open(new MemoryStream(bytes));
        var xlsx = workbook.ReadRows().Select(r => r.Cells.ToArray()).ToList();

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TableFileFormat.Xlsx, workbook.Settings.Format);
        Assert.Equal(csvHeaders, workbook.Headers);
        Assert.Equal(csv.Count, xlsx.Count);
        for (var i = 0; i < csv.Count; i++)
        {
            Assert.Equal(csv[i], xlsx[i]);
        }
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised_in_both_downloads()
    {
        var id = await BatchApi.StartAsync(Client, "title,note\nSales Manager,=HYPERLINK(\"http://x\")\n@SUM(A1),-5\n", titleColumn: "title");
        await BatchApi.WaitAsync(Client, id);

        var csv = ReadCsv(await Client.GetByteArrayAsync($"/api/batches/{id}/result"), out _);
        using var workbook = TableReader.Open(new MemoryStream(await Client.GetByteArrayAsync($"/api/batches/{id}/result?format=xlsx")));
        var xlsx = workbook.ReadRows().ToList();

        Assert.Equal("'=HYPERLINK(\"http://x\")", csv[0][1]);
        Assert.Equal("'@SUM(A1)", csv[1][0]);
        Assert.Equal("-5", csv[1][1]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", xlsx[0][1]);
        Assert.Equal("'@SUM(A1)", xlsx[1][0]);
    }

    [Fact]
    public async Task Ragged_rows_are_reported_with_their_row_and_kept_in_the_result()
    {
        var id = await BatchApi.StartAsync(Client, "name,title,email\nAna,Sales Manager,a@x.com\nBen\nCat,HR Manager,c@x.com,extra\n", titleColumn: "title");

        var status = await BatchApi.WaitAsync(Client, id);
        var rows = ReadCsv(await Client.GetByteArrayAsync($"/api/batches/{id}/result"), out _);

        var issues = status.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("rowsWithIssues").GetInt64());
        Assert.Equal(3, issues[0].GetProperty("row").GetInt64());
        Assert.Equal("MissingCells", issues[0].GetProperty("kind").GetString());
        Assert.Contains("Row 3 has 1 cell but the header has 3", issues[0].GetProperty("message").GetString());
        Assert.Equal(4, issues[1].GetProperty("row").GetInt64());
        Assert.Equal("ExtraCells", issues[1].GetProperty("kind").GetString());
        Assert.Equal(["Ana", "Ben", "Cat"], rows.Select(r => r[0]));
        Assert.Equal("", rows[1][1]);
        Assert.Equal("Human Resources", rows[2][3]);
    }

    [Fact]
    public async Task A_quote_never_closed_stops_the_reading_with_its_row_and_column_but_keeps_every_row_before_it()
    {
        var id = await BatchApi.StartAsync(Client, "title,note\nSales Manager,ok\nAccountant,ok\nRecruiter,\"never closed\nIT Manager,lost\n", titleColumn: "title");

        var status = await BatchApi.WaitAsync(Client, id);
        var rows = ReadCsv(await Client.GetByteArrayAsync($"/api/batches/{id}/result"), out _);

        var stop = status.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "StoppedReading");
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(4, stop.GetProperty("row").GetInt64());
        Assert.Equal(2, stop.GetProperty("column").GetInt32());
        Assert.Contains("never closed", stop.GetProperty("message").GetString());
        Assert.Equal(stop.GetProperty("message").GetString(), status.GetProperty("message").GetString());
        Assert.Equal(["Sales Manager", "Accountant"], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task A_cell_of_100000_characters_is_cut_and_reported_with_its_row_and_column_and_the_row_is_kept()
    {
        var id = await BatchApi.StartAsync(Client, $"title,note\nSales Manager,{new string('x', 100_000)}\nAccountant,short\n", titleColumn: "title");

        var status = await BatchApi.WaitAsync(Client, id);
        var rows = ReadCsv(await Client.GetByteArrayAsync($"/api/batches/{id}/result"), out _);

        var issue = Assert.Single(status.GetProperty("issues").EnumerateArray());
        Assert.Equal("CellTooLong", issue.GetProperty("kind").GetString());
        Assert.Equal(2, issue.GetProperty("row").GetInt64());
        Assert.Equal(2, issue.GetProperty("column").GetInt32());
        Assert.Equal("note", issue.GetProperty("columnName").GetString());
        Assert.Contains("100,000 characters", issue.GetProperty("message").GetString());
        Assert.Equal(2, rows.Count);
        Assert.Equal(TableReadOptions.DefaultMaxCellLength, rows[0][1].Length);
        Assert.Equal("Sales", rows[0][2]);
    }

    [Fact]
    public async Task A_binary_file_is_refused_with_400_saying_it_is_not_a_table()
    {
        var bytes = new byte[8192];
        new Random(5).NextBytes(bytes);
        Array.Fill(bytes, (byte)0, 100, 2000);

        using var response = await BatchApi.UploadAsync(Client, bytes, "leads.csv");
        var problem = await BatchApi.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("binary file", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_400_saying_it_is_empty()
    {
        using var response = await BatchApi.UploadAsync(Client, "", "empty.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The file is empty", (await BatchApi.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Without_a_title_column_that_can_be_guessed_the_upload_is_refused_naming_the_columns()
    {
        using var response = await BatchApi.UploadAsync(Client, "id,amount\n1,20\n2,30\n", "numbers.csv");

        var detail = (await BatchApi.ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("titleColumn", detail);
        Assert.Contains("\"id\", \"amount\"", detail);
    }

    [Fact]
    public async Task A_title_column_that_is_not_in_the_file_is_refused_naming_the_columns()
    {
        using var response = await BatchApi.UploadAsync(Client, Leads, titleColumn: "position");

        var detail = (await BatchApi.ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("There is no column \"position\" in the file. The columns are: \"id\", \"first_name\", \"job_title\", \"country\".", detail);
    }

    [Fact]
    public async Task A_file_of_another_kind_is_refused_by_its_extension()
    {
        using var response = await BatchApi.UploadAsync(Client, Leads, "leads.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("upload a .csv, .tsv, .txt or .xlsx file", (await BatchApi.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_workspace_answers_404_naming_the_known_ones()
    {
        using var response = await BatchApi.UploadAsync(Client, Leads, query: "?workspace=Marketing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("There is no workspace \"Marketing\". Known workspaces: \"Default\".", (await BatchApi.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Delete_removes_the_job_and_its_files()
    {
        var id = await BatchApi.StartAsync(Client, Leads);
        await BatchApi.WaitAsync(Client, id);
        var folder = fixture.App.Services.GetRequiredService<BatchFiles>().JobFolder(Guid.Parse(id));
        Assert.True(File.Exists(Path.Combine(folder, "result.csv")));

        using var deleted = await Client.DeleteAsync($"/api/batches/{id}");
        using var after = await Client.GetAsync($"/api/batches/{id}");
        using var result = await Client.GetAsync($"/api/batches/{id}/result");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task The_jobs_list_shows_past_batches_newest_first()
    {
        var first = await BatchApi.StartAsync(Client, Leads, "first.csv");
        var second = await BatchApi.StartAsync(Client, Leads, "second.csv");
        await BatchApi.WaitAsync(Client, second);

        using var list = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/api/batches"));
        var ids = list.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();

        Assert.True(ids.IndexOf(second) < ids.IndexOf(first), "newest first");
        var job = list.RootElement.EnumerateArray().First(j => j.GetProperty("id").GetString() == second);
        Assert.Equal("second.csv", job.GetProperty("fileName").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(Leads), job.GetProperty("inputBytes").GetInt64());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_batch_endpoints()
    {
        var document = await Client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/batches\"", document);
        Assert.Contains("\"/api/batches/{id}\"", document);
        Assert.Contains("\"/api/batches/{id}/result\"", document);
        Assert.Contains("multipart/form-data", document);
    }

    [Fact]
    public async Task An_upload_over_the_configured_limit_answers_413_with_the_limit_and_leaves_no_file_behind()
    {
        await using var app = new StudioAppFactory(withTestModel: true);
        await using var small = app.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Batches:MaxUploadBytes"] = "2048" })));
        using var client = small.CreateClient();

        using var response = await BatchApi.UploadAsync(client, "title\n" + string.Concat(Enumerable.Repeat("Sales Manager\n", 400)), "big.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("\"big.csv\" is larger than the limit of 2 KB for a batch (Batches:MaxUploadBytes). Split the file, or ask the administrator to raise the limit.",
            (await BatchApi.ProblemAsync(response)).GetProperty("detail").GetString());
        var uploads = small.Services.GetRequiredService<BatchFiles>().Uploads;
        Assert.Empty(Directory.Exists(uploads) ? Directory.GetFiles(uploads) : []);
    }

    [Fact]
    public async Task The_result_answers_409_until_the_batch_has_completed()
    {
        // No model file: the job waits in the queue for a model that never comes.
        await using var app = new StudioAppFactory();
        using var client = app.CreateClient();
        var id = await BatchApi.StartAsync(client, Leads);

        using var response = await client.GetAsync($"/api/batches/{id}/result");
        using var cancelled = await client.PostAsync($"/api/batches/{id}/cancel", null);
        var status = await BatchApi.WaitAsync(client, id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("The batch is queued; its result can be downloaded once it has completed.", (await BatchApi.ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", status.GetProperty("status").GetString());
    }

    private static List<string[]> ReadCsv(byte[] bytes, out IReadOnlyList<string> headers)
    {
        using var reader = TableReader.Open(new MemoryStream(bytes), new TableReadOptions { Format = TableFileFormat.Csv, Delimiter = ',', HasHeader = true, MaxCellLength = 200_000 });
        headers = reader.Headers;
        return [.. reader.ReadRows().Select(r => r.Cells.ToArray())];
    }
}
