using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace JobTitleStudio.Core.Tables;

/// <summary>
/// Streams rows into one worksheet with OpenXmlWriter, as inline strings, inside a zip written forward
/// only. OpenXML SDK 2.20 packages insist on read access, which makes System.IO.Packaging keep every part
/// in memory until the end (over 1 GB for a million rows); the few fixed package parts are therefore
/// written here and only the worksheet, the one part that grows, goes through OpenXmlWriter.
/// Memory stays flat and the stream need not be seekable (an HTTP response works).
/// </summary>
internal sealed class XlsxTableWriter : ITableWriter
{
    /// <summary>Excel refuses to open a cell longer than this.</summary>
    private const int ExcelCellLimit = 32_767;

    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""";

    private const string PackageRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    private const string WorkbookRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""";

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly OpenXmlWriter _writer;
    private readonly bool _neutralise;
    private readonly List<string> _columnLetters = [];
    private int _rowIndex;

    public XlsxTableWriter(Stream stream, TableWriteOptions options, bool leaveOpen)
    {
        _neutralise = options.NeutraliseFormulas;
        _zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen);
        WriteEntry("[Content_Types].xml", ContentTypes);
        WriteEntry("_rels/.rels", PackageRelationships);
        WriteEntry("xl/_rels/workbook.xml.rels", WorkbookRelationships);
        using (var workbook = _zip.CreateEntry("xl/workbook.xml", CompressionLevel.Fastest).Open())
        {
            new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = options.SheetName })).Save(workbook);
        }
        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _writer = OpenXmlWriter.Create(_sheetStream);
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
    }

    private void WriteEntry(string name, string xml)
    {
        using var entry = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        entry.Write(Encoding.UTF8.GetBytes(xml));
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        _rowIndex++;
        var rowNumber = _rowIndex.ToString(CultureInfo.InvariantCulture);
        _writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, rowNumber)]);
        for (var i = 0; i < cells.Count; i++)
        {
            var value = cells[i];
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            if (_neutralise)
            {
                value = FormulaGuard.Neutralise(value);
            }
            value = XmlSafe(value);
            if (value.Length > ExcelCellLimit)
            {
                value = value[..ExcelCellLimit];
            }
            _writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", string.Empty, ColumnLetters(i) + rowNumber), new OpenXmlAttribute("t", string.Empty, "inlineStr")]);
            _writer.WriteElement(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value) { Space = SpaceProcessingModeValues.Preserve }));
            _writer.WriteEndElement();
        }
        _writer.WriteEndElement();
    }

    private string ColumnLetters(int index)
    {
        while (_columnLetters.Count <= index)
        {
            var n = _columnLetters.Count + 1;
            var letters = string.Empty;
            while (n > 0)
            {
                n--;
                letters = (char)('A' + (n % 26)) + letters;
                n /= 26;
            }
            _columnLetters.Add(letters);
        }
        return _columnLetters[index];
    }

    /// <summary>XML 1.0 cannot hold most control characters; a title never needs them, so they are dropped rather than failing the export.</summary>
    private static string XmlSafe(string value)
    {
        if (!value.Any(c => !XmlConvertIsValid(c)))
        {
            return value;
        }
        return new string([.. value.Where(XmlConvertIsValid)]);
    }

    private static bool XmlConvertIsValid(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');

    public void Dispose()
    {
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.Close();
        _sheetStream.Dispose();
        _zip.Dispose();
    }
}
