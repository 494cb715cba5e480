using System.Globalization;

namespace JobTitleStudio.Cli;

/// <summary>
/// The options after the verb: <c>--name value</c> or <c>--name=value</c>, repeatable. Every option a
/// command does not read is an error, so a typo never silently falls back to a default.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> arguments, IReadOnlySet<string>? flags = null)
    {
        using var e = arguments.GetEnumerator();
        while (e.MoveNext())
        {
            var argument = e.Current;
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                throw new CliException($"Unexpected argument '{argument}'; options look like --name value.");
            }
            var name = argument[2..];
            string value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (flags?.Contains(name) == true)
            {
                value = "true";
            }
            else if (!e.MoveNext())
            {
                throw new CliException($"Option --{name} needs a value.");
            }
            else
            {
                value = e.Current;
            }
            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = [];
            }
            list.Add(value);
        }
    }

    public string Required(string name) =>
        Optional(name) ?? throw new CliException($"Option --{name} is required.");

    public string? Optional(string name)
    {
        var all = All(name);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw new CliException($"Option --{name} is given {all.Count} times; give it once."),
        };
    }

    public IReadOnlyList<string> All(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    public bool Flag(string name) => Optional(name) is { } value && value != "false";

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CliException($"Option --{name} is '{text}'; give a whole number from {min} to {max}.");
        }
        return value;
    }

    /// <summary>Repeated <c>--name KEY=VALUE</c> options, keys in the order given.</summary>
    public IReadOnlyList<(string Key, string Value)> Pairs(string name)
    {
        var pairs = new List<(string, string)>();
        foreach (var item in All(name))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == item.Length - 1)
            {
                throw new CliException($"Option --{name} is '{item}'; write it as AXIS=VALUE, for example --{name} Function=Department.");
            }
            pairs.Add((item[..equals].Trim(), item[(equals + 1)..].Trim()));
        }
        var duplicate = pairs.GroupBy(p => p.Item1, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CliException($"Option --{name} names axis '{duplicate.Key}' twice; give each axis once.");
        }
        return pairs;
    }

    /// <summary>Fails on any option the command never asked about.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"Unknown option{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => "--" + u))}; run 'jts help' for the options of each verb.");
        }
    }
}
