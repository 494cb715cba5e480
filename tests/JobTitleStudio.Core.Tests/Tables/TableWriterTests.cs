using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Tests.Tables;

public sealed class TableWriterTests
{
    private static readonly string[][] Sample =
    [
        ["title", "level", "note"],
        ["Director, Sales", "Director", "says \"hi\""],
        ["=HYPERLINK(\"http://x\")", "-5", "line one\nline two"],
        ["Geschäftsführer", "", null!],
    ];

    private static byte[] Write(TableFileFormat format, TableWriteOptions? options = null)
    {
        var stream = new MemoryStream();
        using (var writer = TableWriter.Create(stream, format, options, leaveOpen: true))
        {
            foreach (var row in Sample)
            {
                writer.WriteRow(row);
            }
        }
        return stream.ToArray();
    }

    [Fact]
    public void CsvFollowsRfc4180AndNeutralisesFormulas()
    {
        var text = Encoding.UTF8.GetString(Write(TableFileFormat.Csv));

        Assert.Equal(
            "title,level,note\r\n" +
            "\"Director, Sales\",Director,\"says \"\"hi\"\"\"\r\n" +
            "\"'=HYPERLINK(\"\"http://x\"\")\",-5,\"line one\nline two\"\r\n" +
            "Geschäftsführer,,\r\n",
            text);
    }

    [Fact]
    public void CsvCanStartWithAUtf8BomForExcel()
    {
        var bytes = Write(TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true });

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
    }

    [Fact]
    public void FormulaNeutralisationCanBeTurnedOff()
    {
        var text = Encoding.UTF8.GetString(Write(TableFileFormat.Tsv, new TableWriteOptions { NeutraliseFormulas = false }));

        Assert.Contains("\n\"=HYPERLINK(\"\"http://x\"\")\"\t-5\t", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TableFileFormat.Csv)]
    [InlineData(TableFileFormat.Tsv)]
    [InlineData(TableFileFormat.Xlsx)]
    public void WhatIsWrittenReadsBackCellForCell(TableFileFormat format)
    {
        using var reader = TableReader.Open(new MemoryStream(Write(format)));

        var rows = reader.ReadRows().ToList();

        Assert.Equal(format, reader.Settings.Format);
        Assert.Equal(Sample[0], reader.Headers);
        Assert.Equal(["Director, Sales", "Director", "says \"hi\""], rows[0].Cells);
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "-5", "line one\nline two"], rows[1].Cells);
        Assert.Equal(["Geschäftsführer", "", ""], rows[2].Cells);
    }

    [Fact]
    public void XlsxIsReadFromTheNamedSheetAndAMissingSheetIsAClearError()
    {
        var bytes = Write(TableFileFormat.Xlsx, new TableWriteOptions { SheetName = "Titles" });

        using var reader = TableReader.Open(new MemoryStream(bytes), new TableReadOptions { SheetName = "titles" });
        var error = Assert.Throws<TableFormatException>(() => TableReader.Open(new MemoryStream(bytes), new TableReadOptions { SheetName = "Leads" }));

        Assert.Equal("Titles", reader.Settings.SheetName);
        Assert.Equal("The workbook has no worksheet named \"Leads\"; it has: Titles.", error.Message);
    }

    [Fact]
    public void XlsxDropsControlCharactersThatXmlCannotHold()
    {
        var stream = new MemoryStream();
        using (var writer = TableWriter.Create(stream, TableFileFormat.Xlsx, leaveOpen: true))
        {
            writer.WriteRow(["title"]);
            writer.WriteRow(["Nurse\u0001\u0002"]);
        }

        using var reader = TableReader.Open(new MemoryStream(stream.ToArray()));

        Assert.Equal("Nurse", reader.ReadRows().Single()[0]);
    }

    [Fact]
    public void ABrokenWorkbookIsAClearError()
    {
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, .. Encoding.ASCII.GetBytes("not really a zip file at all")];

        var error = Assert.Throws<TableFormatException>(() => TableReader.Open(new MemoryStream(bytes)));

        Assert.StartsWith("The file could not be read as an Excel workbook:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFormatOfAFileComesFromItsExtension()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jts-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var writer = TableWriter.CreateFile(path))
            {
                writer.WriteRow(["title"]);
                writer.WriteRow(["Nurse"]);
            }
            using var reader = TableReader.OpenFile(path);

            Assert.Equal(TableFileFormat.Xlsx, reader.Settings.Format);
            Assert.Equal("Nurse", reader.ReadRows().Single()[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void XlsxIsAValidSpreadsheetPackage()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Write(TableFileFormat.Xlsx)), isEditable: false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => e.Description);

        Assert.Empty(errors);
        Assert.Equal("Sheet1", document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Name!.Value);
    }

    [Fact]
    public void XlsxStreamsToAStreamThatCannotSeek()
    {
        var target = new MemoryStream();
        using (var writer = TableWriter.Create(new WriteOnlyStream(target), TableFileFormat.Xlsx))
        {
            writer.WriteRow(["title"]);
            writer.WriteRow(["Nurse"]);
        }

        using var reader = TableReader.Open(new MemoryStream(target.ToArray()));

        Assert.Equal("Nurse", reader.ReadRows().Single()[0]);
    }

    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _written += count;
        }
    }
}
