using System.Text;
using JobTitleStudio.Core.Batches;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Tests.Learning;

namespace JobTitleStudio.Core.Tests.Batches;

public sealed class BatchRunTests
{
    private static readonly Lazy<TitleClassifier> Model = new(ClassifierFixture.Trained);

    [Fact]
    public void Spellings_that_normalise_alike_share_one_answer_whose_cells_are_the_models_own_prediction()
    {
        var batch = new BatchClassifier(Model.Value, new PredictionOptions { TopN = 2 });
        var expected = new string?[Model.Value.Axes.Count * PredictionColumns.CellsPerAxis];
        PredictionColumns.Fill(expected, 0, Model.Value.Predict("Sales Manager", new PredictionOptions { TopN = 2 }), Model.Value.Axes.Count);

        var first = batch.Classify(["Sales Manager", "SALES MANAGER"]);
        var later = batch.Classify(["sales manager", "Sales Manager"]);

        Assert.Equal(expected, first[0]!.Cells.ToArray<string?>());
        Assert.Same(first[0], first[1]);
        Assert.Same(first[0], later[0]);
        Assert.Same(first[0], later[1]);
        Assert.Equal(4, batch.Classified);
    }

    [Fact]
    public void Junk_titles_get_no_answer_and_are_counted_apart()
    {
        var batch = new BatchClassifier(Model.Value, new PredictionOptions());

        var answers = batch.Classify(["", "!!!", "Recruiter"]);

        Assert.Null(answers[0]);
        Assert.Null(answers[1]);
        Assert.NotNull(answers[2]);
        Assert.Equal(2, batch.Junk);
        Assert.Equal(1, batch.Classified);
    }

    [Fact]
    public void Rows_keep_their_order_across_chunks_and_the_counts_follow_the_label_cells()
    {
        var titles = Enumerable.Range(0, 25).Select(i => ClassifierFixture.Rows[i % ClassifierFixture.Rows.Length].Title).ToArray();
        var (summary, rows) = Run("id,title\n" + string.Concat(titles.Select((t, i) => $"{i},{t}\n")), new BatchRunOptions { TitleColumn = 1, ChunkRows = 4 });

        Assert.Equal(25, summary.Rows);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(titles, rows.Skip(1).Select(r => r[1]));
        var function = summary.Axes.Single(a => a.Axis == "Function");
        var labelColumn = Array.IndexOf(rows[0], "Function.label");
        foreach (var category in function.Categories)
        {
            Assert.Equal(rows.Skip(1).Count(r => r[labelColumn] == category.Category), category.Count);
        }
        Assert.True(function.Categories.Zip(function.Categories.Skip(1)).All(p => p.First.Count >= p.Second.Count), "most frequent first");
    }

    [Fact]
    public void Issues_past_the_limit_are_counted_but_not_kept()
    {
        var text = new StringBuilder("title,note\n");
        for (var i = 0; i < 10; i++)
        {
            text.Append("Recruiter,a,stray\n");
        }

        var (summary, rows) = Run(text.ToString(), new BatchRunOptions { TitleColumn = 0, MaxIssues = 3 });

        Assert.Equal(10, summary.RowsWithIssues);
        Assert.Equal(3, summary.Issues.Count);
        Assert.All(summary.Issues, issue => Assert.Equal(TableIssueKind.ExtraCells, issue.Kind));
        Assert.Equal(11, rows.Count);
    }

    [Fact]
    public void A_file_that_stops_being_readable_keeps_every_row_before_the_problem_and_says_where()
    {
        var (summary, rows) = Run("title,note\nRecruiter,a\nController,b\nHR Manager,\"open\nFinance Manager,c\n", new BatchRunOptions { TitleColumn = 0, ChunkRows = 1 });

        Assert.NotNull(summary.StoppedBy);
        Assert.Equal(4, summary.StoppedBy.RowNumber);
        Assert.Equal(2, summary.Rows);
        Assert.Equal(["Recruiter", "Controller"], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void Cancelling_stops_the_run()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => Run(
            "title\n" + string.Concat(Enumerable.Repeat("Recruiter\n", 100)),
            new BatchRunOptions { TitleColumn = 0, ChunkRows = 10 },
            progress: _ =>
            {
                if (++calls == 2)
                {
                    cancel.Cancel();
                }
            },
            cancellationToken: cancel.Token));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Reading_starts_while_the_model_is_still_loading()
    {
        var model = new TaskCompletionSource<TitleClassifier>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var firstChunkRead = new ManualResetEventSlim();
        using var reader = TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("title\nRecruiter\nController\nSales Manager\n")));
        var output = new MemoryStream();
        using var writer = TableWriter.Create(output, TableFileFormat.Csv, leaveOpen: true);

        var run = Task.Run(() => BatchRun.Run(reader, model.Task, writer, new BatchRunOptions { TitleColumn = 0, ChunkRows = 1 },
            inputFraction: () =>
            {
                firstChunkRead.Set();
                return 0;
            }));

        Assert.True(firstChunkRead.Wait(TimeSpan.FromSeconds(30)), "no chunk was read before the model arrived");
        Assert.False(run.IsCompleted);
        model.SetResult(Model.Value);
        var summary = await run;
        Assert.Equal(3, summary.Rows);
        Assert.Equal(3, summary.Classified);
    }

    [Fact]
    public void A_model_that_fails_to_load_stops_the_run_with_its_own_error()
    {
        using var reader = TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("title\n" + string.Concat(Enumerable.Repeat("Recruiter\n", 50)))));
        using var writer = TableWriter.Create(new MemoryStream(), TableFileFormat.Csv);

        var error = Assert.Throws<InvalidDataException>(() => BatchRun.Run(reader, Task.FromException<TitleClassifier>(new InvalidDataException("damaged model")), writer,
            new BatchRunOptions { TitleColumn = 0, ChunkRows = 1 }));
        Assert.Equal("damaged model", error.Message);
    }

    [Fact]
    public void A_writer_that_fails_stops_the_run_with_the_writers_error_not_a_cancellation()
    {
        using var reader = TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("title\n" + string.Concat(Enumerable.Repeat("Recruiter\n", 100)))));
        using var writer = new FailingWriter(rowsBeforeFailing: 5);

        var error = Assert.Throws<IOException>(() => BatchRun.Run(reader, Model.Value, writer, new BatchRunOptions { TitleColumn = 0, ChunkRows = 2 }));
        Assert.Equal("disk full", error.Message);
    }

    private sealed class FailingWriter(int rowsBeforeFailing) : ITableWriter
    {
        private int _rows;

        public void WriteRow(IReadOnlyList<string?> cells)
        {
            if (++_rows > rowsBeforeFailing)
            {
                throw new IOException("disk full");
            }
        }

        public void Dispose()
        {
        }
    }

    private static (BatchSummary Summary, List<string[]> Rows) Run(string csv, BatchRunOptions options, Action<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        var output = new MemoryStream();
        BatchSummary summary;
        using (var writer = TableWriter.Create(output, TableFileFormat.Csv, leaveOpen: true))
        {
            summary = BatchRun.Run(reader, Model.Value, writer, options, progress: progress, cancellationToken: cancellationToken);
        }
        output.Position = 0;
        using var written = TableReader.Open(output, new TableReadOptions { Format = TableFileFormat.Csv, Delimiter = ',', HasHeader = false });
        return (summary, [.. written.ReadRows().Select(r => r.Cells.ToArray())]);
    }
}
