using System.Globalization;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Defaults;

/// <summary>One row of models/function-map.tsv.</summary>
/// <param name="SocPrefix">A SOC group code (15-0000 major, 15-1200 minor, 15-1250 broad, 15-1252 detailed) or a full O*NET-SOC code (15-1252.01).</param>
public sealed record FunctionMapEntry(string SocPrefix, string Function, string Note);

/// <summary>
/// Maps O*NET-SOC occupation codes to Functions (departments) through SOC groups: a group code stands
/// for every code that starts with its non-zero digits (15-1200 covers 15-12xx), and the most specific
/// matching row wins, so a detailed code overrides its broad, minor and major groups.
/// </summary>
public sealed class FunctionMap
{
    private readonly Dictionary<string, FunctionMapEntry> _byPrefix;

    private FunctionMap(IReadOnlyList<FunctionMapEntry> entries, Dictionary<string, FunctionMapEntry> byPrefix)
    {
        Entries = entries;
        _byPrefix = byPrefix;
    }

    public IReadOnlyList<FunctionMapEntry> Entries { get; }

    /// <summary>The distinct Functions, in order of first appearance.</summary>
    public IReadOnlyList<string> Functions => [.. Entries.Select(e => e.Function).Distinct(StringComparer.Ordinal)];

    /// <summary>Loads the shipped map from models/function-map.tsv.</summary>
    public static FunctionMap LoadDefault() => Load(DefaultModelFiles.PathOf(DefaultModelFiles.FunctionMap));

    public static FunctionMap Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads a tab-separated map with the columns soc_prefix, function, note.</summary>
    /// <exception cref="FormatException">A row has a malformed code, no function, or repeats a code; the message names the row.</exception>
    public static FunctionMap Read(Stream stream)
    {
        using var reader = TableReader.Open(stream, new TableReadOptions { Delimiter = '\t', HasHeader = true }, leaveOpen: true);
        int codeColumn = reader.ColumnIndex("soc_prefix"), functionColumn = reader.ColumnIndex("function"), noteColumn = reader.ColumnIndex("note");
        if (codeColumn < 0 || functionColumn < 0)
        {
            throw new FormatException($"The function map needs the columns soc_prefix and function; it has: {string.Join(", ", reader.Headers)}.");
        }
        var entries = new List<FunctionMapEntry>();
        var byPrefix = new Dictionary<string, FunctionMapEntry>(StringComparer.Ordinal);
        foreach (var row in reader.ReadRows())
        {
            var entry = new FunctionMapEntry(row[codeColumn].Trim(), row[functionColumn].Trim(), noteColumn < 0 ? string.Empty : row[noteColumn].Trim());
            var prefix = PrefixOf(entry.SocPrefix)
                ?? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Row {row.RowNumber}: \"{entry.SocPrefix}\" is not a SOC code like 15-1200 or an O*NET-SOC code like 15-1252.01."));
            if (entry.Function.Length == 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Row {row.RowNumber}: the code {entry.SocPrefix} has no function."));
            }
            if (!byPrefix.TryAdd(prefix, entry))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Row {row.RowNumber}: the code {entry.SocPrefix} is mapped twice."));
            }
            entries.Add(entry);
        }
        return new FunctionMap(entries, byPrefix);
    }

    /// <summary>The Function of an O*NET-SOC code (15-1252.00) or SOC code (15-1252), or null when no row covers it.</summary>
    public string? FunctionFor(string code) => EntryFor(code)?.Function;

    /// <summary>The most specific row that covers a code, or null.</summary>
    public FunctionMapEntry? EntryFor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim();
        if (_byPrefix.TryGetValue(trimmed, out var exact))
        {
            return exact;
        }
        var dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        var end = dot < 0 ? trimmed.Length : dot;
        for (var length = end; length > dash; length--)
        {
            if (_byPrefix.TryGetValue(trimmed[..length], out var entry))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>"15-1200" → "15-12", "15-0000" → "15-", "15-1252.01" stays whole; null when malformed.</summary>
    private static string? PrefixOf(string code)
    {
        var parts = code.Split('-');
        if (parts.Length != 2 || parts[0].Length != 2 || !parts[0].All(char.IsAsciiDigit))
        {
            return null;
        }
        var rest = parts[1];
        if (rest.Length == 7 && rest[4] == '.' && rest.Remove(4, 1).All(char.IsAsciiDigit))
        {
            return code;
        }
        if (rest.Length != 4 || !rest.All(char.IsAsciiDigit))
        {
            return null;
        }
        return parts[0] + "-" + rest.TrimEnd('0');
    }
}
