using System.Text;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Tests.Tables;

public sealed class TableReaderTests
{
    private static (TableReader Reader, List<TableRow> Rows) ReadAll(byte[] bytes, TableReadOptions? options = null)
    {
        var reader = TableReader.Open(new MemoryStream(bytes), options);
        return (reader, reader.ReadRows().ToList());
    }

    private static (TableReader Reader, List<TableRow> Rows) ReadAll(string text, TableReadOptions? options = null) =>
        ReadAll(new UTF8Encoding(false).GetBytes(text), options);

    [Fact]
    public void Utf8WithBomIsDetectedAndTheBomIsNotPartOfTheFirstHeader()
    {
        var (reader, rows) = ReadAll([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("title,level\nGeschäftsführer,C-Level\n")]);

        Assert.Equal("title", reader.Headers[0]);
        Assert.Equal("Geschäftsführer", rows[0][0]);
        Assert.Equal("utf-8", reader.Settings.Encoding!.WebName);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public void Utf16IsDetectedByBomOrByItsNulPattern(bool bigEndian, bool withBom)
    {
        var encoding = new UnicodeEncoding(bigEndian, withBom);
        var (reader, rows) = ReadAll([.. encoding.GetPreamble(), .. encoding.GetBytes("title;level\nDirectora de Ventas;Director\n")]);

        Assert.Equal(["title", "level"], reader.Headers);
        Assert.Equal("Directora de Ventas", rows[0][0]);
        Assert.StartsWith("utf-16", reader.Settings.Encoding!.WebName, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesThatAreNotValidUtf8AreReadAsWindows1252()
    {
        var bytes = Encoding.Latin1.GetBytes("title\nGesch\u00e4ftsf\u00fchrer\nDirecci\u00f3n General\n");

        var (reader, rows) = ReadAll(bytes);

        Assert.Equal(1252, reader.Settings.Encoding!.CodePage);
        Assert.Equal(["Geschäftsführer", "Dirección General"], rows.Select(r => r[0]));
    }

    [Theory]
    [InlineData(',', TableFileFormat.Csv)]
    [InlineData('\t', TableFileFormat.Tsv)]
    [InlineData(';', TableFileFormat.Csv)]
    [InlineData('|', TableFileFormat.Csv)]
    public void TheDelimiterIsSniffedFromTheFirstLines(char delimiter, TableFileFormat format)
    {
        var text = string.Join('\n', "title,level,id", "Sales Manager,Manager,1", "CEO,C-Level,2").Replace(',', delimiter);

        var (reader, rows) = ReadAll(text);

        Assert.Equal(delimiter, reader.Settings.Delimiter);
        Assert.Equal(format, reader.Settings.Format);
        Assert.Equal("C-Level", rows[1][1]);
    }

    [Fact]
    public void DelimitersInsideQuotesDoNotFoolTheSniffer()
    {
        var (reader, rows) = ReadAll("title;level\n\"Director, Sales; EMEA\";Director\n\"VP, Marketing\";VP\n");

        Assert.Equal(';', reader.Settings.Delimiter);
        Assert.Equal("Director, Sales; EMEA", rows[0][0]);
    }

    [Fact]
    public void APlainListOfTitlesIsOneColumnEvenWhenSomeTitlesHoldCommas()
    {
        var (reader, rows) = ReadAll("Software Engineer\nDirector, Sales\nNurse\nHead of IT, EMEA, Benelux\nTeacher\n");

        Assert.Equal(TableFileFormat.Txt, reader.Settings.Format);
        Assert.False(reader.Settings.HasHeader);
        Assert.Equal(["Column1"], reader.Headers);
        Assert.Equal("Director, Sales", rows[1][0]);
        Assert.Equal(5, rows.Count);
    }

    [Theory]
    [InlineData(TableFileFormat.Tsv, '\t', 2)]
    [InlineData(TableFileFormat.Csv, ',', 2)]
    [InlineData(TableFileFormat.Txt, null, 1)]
    public void AForcedFormatDecidesTheDelimiterWhenNoneIsGiven(TableFileFormat format, char? delimiter, int columns)
    {
        var (reader, _) = ReadAll("Nurse\tHealthcare, Care\n", new TableReadOptions { Format = format });

        Assert.Equal((delimiter, columns), (reader.Settings.Delimiter, reader.Headers.Count));
    }

    [Fact]
    public void WithoutAHeaderColumnsAreNamedColumn1ToN()
    {
        var (reader, rows) = ReadAll("Sales Manager,Manager,12\nChief Executive Officer,C-Level,7\n");

        Assert.False(reader.Settings.HasHeader);
        Assert.Equal(["Column1", "Column2", "Column3"], reader.Headers);
        Assert.Equal(1, rows[0].RowNumber);
    }

    [Theory]
    [InlineData("job_title,seniority_level\nSales Manager,Manager\n")]
    [InlineData("Position,Company\nSales Manager,Acme\n")]
    [InlineData("Name,Score\nAda,12\n")]
    public void AHeaderIsRecognisedByItsWordsOrByDifferingFromTheRows(string text)
    {
        var (reader, rows) = ReadAll(text);

        Assert.True(reader.Settings.HasHeader);
        Assert.Single(rows);
        Assert.Equal(2, rows[0].RowNumber);
    }

    [Fact]
    public void TheHeaderCanBeForced()
    {
        var (reader, rows) = ReadAll("Sales Manager\nNurse\n", new TableReadOptions { HasHeader = true });

        Assert.Equal(["Sales Manager"], reader.Headers);
        Assert.Equal("Nurse", Assert.Single(rows)[0]);
    }

    [Fact]
    public void QuotedCellsHoldDoubledQuotesAndLineBreaksAndRowsKeepTheirStartLine()
    {
        var (_, rows) = ReadAll("title,note\r\n\"Sr. \"\"Rockstar\"\" Dev\",\"line one\r\nline two\"\r\nNurse,plain\r\n");

        Assert.Equal("Sr. \"Rockstar\" Dev", rows[0][0]);
        Assert.Equal("line one\r\nline two", rows[0][1]);
        Assert.Equal((3L, 4L), (rows[1].RowNumber, rows[1].LineNumber));
    }

    [Fact]
    public void BlankLinesAreSkippedButCountedInLineNumbers()
    {
        var (_, rows) = ReadAll("title\n\nNurse\n\n\nTeacher\n");

        Assert.Equal(["Nurse", "Teacher"], rows.Select(r => r[0]));
        Assert.Equal((3L, 6L), (rows[1].RowNumber, rows[1].LineNumber));
    }

    [Fact]
    public void AShortRowIsPaddedAndReportedNamingTheMissingColumns()
    {
        var (_, rows) = ReadAll("title,level,function\nNurse,Professional,Healthcare\nTeacher\n");

        var issue = Assert.Single(rows[1].Issues);
        Assert.Equal(TableIssueKind.MissingCells, issue.Kind);
        Assert.Equal("Row 3 has 1 cell but the header has 3; the missing cells (\"level\", \"function\") were read as empty.", issue.Message);
        Assert.Equal(["Teacher", "", ""], rows[1].Cells);
    }

    [Fact]
    public void ALongRowKeepsItsExtraCellsAndIsReported()
    {
        var (_, rows) = ReadAll("title,level\nNurse,Professional\nTeacher,Professional,oops,again\n");

        var issue = Assert.Single(rows[1].Issues);
        Assert.Equal(TableIssueKind.ExtraCells, issue.Kind);
        Assert.Contains("columns 3 to 4", issue.Message, StringComparison.Ordinal);
        Assert.Equal(4, rows[1].Cells.Count);
        Assert.Empty(rows[0].Issues);
    }

    [Fact]
    public void AQuoteLeftOpenAtTheEndIsAnErrorNamingWhereItOpenedAfterTheGoodRows()
    {
        var reader = TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("title,level\nNurse,Professional\nTeacher,Professional\n\"Broken,Manager\nmore text\n")));
        var rows = new List<TableRow>();

        var error = Assert.Throws<TableFormatException>(() => rows.AddRange(reader.ReadRows()));

        Assert.Equal(2, rows.Count);
        Assert.Equal("Row 4, column 1: a quote opened on line 4 is never closed before the end of the file. Close the quote or remove it; the rows before row 4 were read.", error.Message);
        Assert.Equal((4L, 4L, 1), (error.RowNumber!.Value, error.LineNumber!.Value, error.ColumnNumber!.Value));
    }

    [Fact]
    public void AnUnclosedQuoteFarIntoALargeFileIsReportedAfterEveryRowBeforeIt()
    {
        var text = new StringBuilder("title,level\n");
        for (var i = 0; i < 30_000; i++)
        {
            text.Append("Sales Manager,Manager\n");
        }
        text.Append("\"never closed,Manager\n").Append('x', 200_000);
        using var reader = TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())));
        var count = 0;

        var error = Assert.Throws<TableFormatException>(() => { foreach (var _ in reader.ReadRows()) count++; });

        Assert.Equal(30_000, count);
        Assert.Equal(30_002, error.RowNumber);
    }

    [Fact]
    public void ABinaryFileIsRejectedWithAClearMessage()
    {
        // Like an image or archive: readable letters scattered between NUL bytes.
        var bytes = Enumerable.Range(0, 4096).Select(i => i % 8 == 0 ? (byte)0 : (byte)('a' + (i % 26))).ToArray();

        var error = Assert.Throws<TableFormatException>(() => TableReader.Open(new MemoryStream(bytes)));

        Assert.StartsWith("This looks like a binary file, not CSV/TSV/XLSX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellOverTheLimitIsCutAndReportedWithRowAndColumn()
    {
        var (_, rows) = ReadAll($"title,level\nNurse,Professional\n\"{new string('a', 100_000)}\",Manager\nTeacher,Professional\n");

        var issue = Assert.Single(rows[1].Issues);
        Assert.Equal(TableIssueKind.CellTooLong, issue.Kind);
        Assert.Equal("Row 3, column 1 \"title\": the cell has 100,000 characters, more than the limit of 10,000; only its first 10,000 characters were kept.", issue.Message);
        Assert.Equal(10_000, rows[1][0].Length);
        Assert.Equal("Manager", rows[1][1]);
        Assert.Equal("Teacher", rows[2][0]);
    }

    [Fact]
    public void TheCellLimitIsConfigurable()
    {
        var (_, rows) = ReadAll("title\nChief Executive Officer\n", new TableReadOptions { MaxCellLength = 5 });

        Assert.Equal("Chief", rows[0][0]);
        Assert.Equal(1, rows[0].Issues[0].ColumnNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n\n")]
    public void AnEmptyFileIsAClearError(string text)
    {
        var error = Assert.Throws<TableFormatException>(() => TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal("The file is empty: there are no rows to read.", error.Message);
    }

    [Fact]
    public void TextAfterAClosingQuoteIsKeptAndReported()
    {
        var (_, rows) = ReadAll("title,level\n\"Senior\" Engineer,Senior\n");

        Assert.Equal("Senior Engineer", rows[0][0]);
        Assert.Equal(TableIssueKind.TextAfterQuote, Assert.Single(rows[0].Issues).Kind);
    }

    [Fact]
    public void ANonSeekableStreamIsReadFromItsFirstByte()
    {
        var text = "title\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"Title {i}\n"));
        using var reader = TableReader.Open(new ForwardOnlyStream(Encoding.UTF8.GetBytes(text)));

        var rows = reader.ReadRows().ToList();

        Assert.Equal(20_000, rows.Count);
        Assert.Equal("Title 19999", rows[^1][0]);
    }

    [Fact]
    public async Task AsyncReadingYieldsTheSameRowsAndThenTheError()
    {
        var text = "title\n" + string.Concat(Enumerable.Range(0, 2_500).Select(i => $"Title {i}\n")) + "\"open\n";
        using var reader = TableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var rows = new List<TableRow>();

        await Assert.ThrowsAsync<TableFormatException>(async () =>
        {
            await foreach (var row in reader.ReadRowsAsync())
            {
                rows.Add(row);
            }
        });

        Assert.Equal(2_500, rows.Count);
    }

    [Fact]
    public void RowsCanBeReadOnlyOnce()
    {
        var (reader, _) = ReadAll("title\nNurse\n");

        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }

    [Fact]
    public void ColumnsAreFoundByNameIgnoringCaseAndRepeatedNamesAreMadeUnique()
    {
        var (reader, _) = ReadAll("Title,Level,title,\nNurse,Professional,x,y\n", new TableReadOptions { HasHeader = true });

        Assert.Equal(["Title", "Level", "title (3)", "Column4"], reader.Headers);
        Assert.Equal(1, reader.ColumnIndex("LEVEL"));
        Assert.Equal(-1, reader.ColumnIndex("function"));
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
