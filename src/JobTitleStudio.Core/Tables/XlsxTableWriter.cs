using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace JobTitleStudio.Core.Tables;

/// <summary>
/// Streams rows into one worksheet with OpenXmlWriter, as inline strings: no shared-string table
/// has to be held in memory, so a million rows cost no more memory than ten.
/// </summary>
internal sealed class XlsxTableWriter : ITableWriter
{
    /// <summary>Excel refuses to open a cell longer than this.</summary>
    private const int ExcelCellLimit = 32_767;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheetPart;
    private readonly OpenXmlWriter _writer;
    private readonly bool _neutralise;
    private readonly string _sheetName;
    private readonly List<string> _columnLetters = [];
    private int _rowIndex;

    public XlsxTableWriter(Stream stream, TableWriteOptions options, bool leaveOpen)
    {
        _neutralise = options.NeutraliseFormulas;
        _sheetName = options.SheetName;
        _stream = stream;
        _leaveOpen = leaveOpen;
        _document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = _document.AddWorkbookPart();
        _sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(_sheetPart);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
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
            _writer.WriteElement(new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }));
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
        var workbookPart = _document.WorkbookPart!;
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet
        {
            Id = workbookPart.GetIdOfPart(_sheetPart),
            SheetId = 1,
            Name = _sheetName,
        }));
        workbookPart.Workbook.Save();
        _document.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
