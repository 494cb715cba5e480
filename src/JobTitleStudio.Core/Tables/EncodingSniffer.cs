using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace JobTitleStudio.Core.Tables;

/// <summary>What the first bytes of a file say about it.</summary>
internal enum ContentKind
{
    Text,
    Workbook,
}

/// <summary>Decides, from the first bytes of a file, whether it is a workbook or text and which encoding the text uses.</summary>
internal static class EncodingSniffer
{
    /// <summary>How many bytes are inspected; enough for tens of rows of any real file.</summary>
    public const int SampleSize = 64 * 1024;

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The fallback for text that is not valid UTF-8: what Excel on Windows writes as "CSV" in Western Europe and the Americas.</summary>
    public static Encoding Windows1252 { get; } = RegisterCodePages().GetEncoding(1252)!;

    private static CodePagesEncodingProvider RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return (CodePagesEncodingProvider)CodePagesEncodingProvider.Instance;
    }

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Encoding Utf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);

    public static ContentKind Kind(ReadOnlySpan<byte> sample) =>
        sample.StartsWith(ZipSignature) || sample.StartsWith(OleSignature) ? ContentKind.Workbook : ContentKind.Text;

    /// <summary>The encoding of a text sample and the length of its byte-order mark.</summary>
    /// <param name="sample">The first bytes of the file.</param>
    /// <param name="wholeFile">True when the sample is the whole file, so a cut multi-byte character at its end is an error, not an artefact.</param>
    /// <exception cref="TableFormatException">The sample looks binary.</exception>
    public static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> sample, bool wholeFile)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8NoBom, 3);
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Utf16Le, 2);
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Utf16Be, 2);
        }
        if (Utf16WithoutBom(sample) is { } utf16)
        {
            return (utf16, 0);
        }
        RejectBinary(sample);
        var checkable = wholeFile ? sample : WithoutCutCharacter(sample);
        return (Utf8.IsValid(checkable) ? Utf8NoBom : Windows1252, 0);
    }

    /// <summary>UTF-16 text of mostly Latin script has a NUL in every other byte: even positions for big-endian, odd for little-endian.</summary>
    private static Encoding? Utf16WithoutBom(ReadOnlySpan<byte> sample)
    {
        if (sample.Length < 4)
        {
            return null;
        }
        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenNuls++;
            if (sample[i + 1] == 0) oddNuls++;
        }
        var pairs = sample.Length / 2;
        if (oddNuls > pairs * 0.3 && evenNuls < pairs * 0.05)
        {
            return Utf16Le;
        }
        if (evenNuls > pairs * 0.3 && oddNuls < pairs * 0.05)
        {
            return Utf16Be;
        }
        return null;
    }

    private static void RejectBinary(ReadOnlySpan<byte> sample)
    {
        int nuls = 0, controls = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                nuls++;
            }
            else if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f'))
            {
                controls++;
            }
        }
        // Real text can carry a stray control character or two; a few percent of them, or NULs in
        // more than one byte in a hundred, only happen in images, archives, executables and the like.
        if (nuls > sample.Length / 100 || nuls + controls > sample.Length / 10)
        {
            throw new TableFormatException(string.Create(CultureInfo.InvariantCulture,
                $"This looks like a binary file, not CSV/TSV/XLSX: its first {sample.Length:N0} bytes hold {nuls:N0} NUL bytes and {controls:N0} other control characters. Save it as CSV, TSV, TXT or XLSX and try again."));
        }
    }

    /// <summary>The sample without a UTF-8 sequence that the sample boundary may have cut in two.</summary>
    private static ReadOnlySpan<byte> WithoutCutCharacter(ReadOnlySpan<byte> sample)
    {
        var end = sample.Length;
        for (var back = 0; back < 3 && end > 0 && (sample[end - 1] & 0xC0) == 0x80; back++)
        {
            end--;
        }
        if (end > 0 && sample[end - 1] >= 0xC0)
        {
            end--;
        }
        return sample[..end];
    }
}
